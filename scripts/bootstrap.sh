#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for Talent Pulse, then the npm dependencies.
# Idempotent: a second run only checks. Needs Node.js 20+, npm, Java 17+ and Maven; installs the rest
# (Redis, the libraries @confluentinc/kafka-javascript builds against, Chromium for browser tests)
# with apt-get. Kafka itself comes from Maven Central on the first `pulse up`.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "bootstrap: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is missing: $2"; }

need node "install Node.js 20 (https://nodejs.org or your distribution)"
need npm "install npm (it ships with Node.js)"
need java "install Java 17+, e.g. apt-get install openjdk-17-jre-headless"
need mvn "install Maven, e.g. apt-get install maven"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is needed, found $(node --version)"

packages=(redis-server zlib1g-dev libssl-dev libzstd-dev liblz4-dev libsasl2-dev chromium faketime)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
else
  command -v redis-server >/dev/null 2>&1 || fail "not a Debian system: install redis-server, the zlib/openssl/zstd/lz4/sasl2 dev libraries, chromium and faketime yourself"
fi
if [ "${#missing[@]}" -gt 0 ]; then
  need apt-get "install these packages yourself: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != "0" ]; then need sudo "run as root, or install: ${missing[*]}"; sudo="sudo"; fi
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file. CKJS_LINKING=dynamic makes
# @confluentinc/kafka-javascript build against the system libraries instead of downloading them.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing npm dependencies (builds the Confluent Kafka client, about a minute)"
  CKJS_LINKING=dynamic npm ci --no-audit --no-fund
fi
