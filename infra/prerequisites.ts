/**
 * What the local stack needs from the operating system, and the installs that fix what is missing.
 * Java and Maven are expected on the machine; Debian packages are installed with apt-get.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { PulseError } from '../core/errors.ts';

/**
 * Redis for the hot store; the libraries @confluentinc/kafka-javascript links against; libfaketime,
 * which the clock-skew fault test and script run the processor under.
 */
export const DEBIAN_PACKAGES = ['redis-server', 'zlib1g-dev', 'libssl-dev', 'libzstd-dev', 'liblz4-dev', 'libsasl2-dev', 'faketime'];

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function requireCommands(commands: Array<{ command: string; install: string }>): void {
  const missing = commands.filter(({ command }) => !hasCommand(command));
  if (missing.length === 0) return;
  const lines = missing.map(({ command, install }) => `  - ${command}: ${install}`).join('\n');
  throw new PulseError('PREREQUISITE_MISSING', `missing system tools:\n${lines}`);
}

export function requireJavaAndMaven(): void {
  requireCommands([
    { command: 'java', install: 'install a Java 17+ runtime, e.g. `apt-get install openjdk-17-jre-headless`' },
    { command: 'mvn', install: 'install Apache Maven, e.g. `apt-get install maven`' },
  ]);
  const version = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr;
  const major = Number(/version "(\d+)/.exec(version)?.[1] ?? '0');
  if (major < 17) {
    throw new PulseError('PREREQUISITE_MISSING', `Kafka needs Java 17 or newer; found: ${version.split('\n')[0]}`);
  }
}

function isInstalled(debianPackage: string): boolean {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', debianPackage], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs the Debian packages not yet present; a no-op when all are there. */
export function ensureDebianPackages(packages: readonly string[], log: (line: string) => void): void {
  if (!hasCommand('dpkg-query')) {
    if (packages.includes('redis-server') && !hasCommand('redis-server')) {
      throw new PulseError('PREREQUISITE_MISSING', 'redis-server is missing and this is not a Debian system: install Redis 7');
    }
    return;
  }
  const missing = packages.filter((name) => !isInstalled(name));
  if (missing.length === 0) return;
  requireCommands([{ command: 'apt-get', install: `install these Debian packages by hand: ${missing.join(' ')}` }]);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
  if (asRoot.length > 0 && !hasCommand('sudo')) {
    throw new PulseError('PREREQUISITE_MISSING', `run as root or install sudo, to apt-get install ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) =>
    execFileSync(asRoot[0] ?? args[0]!, asRoot.length > 0 ? args : args.slice(1), { stdio: 'inherit', env });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
}
