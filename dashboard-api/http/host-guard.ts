/**
 * DNS-rebinding guard: a page on evil.example whose name resolves to 127.0.0.1 can make the browser
 * call the dashboard, but the browser still sends `Host: evil.example`. Only the bound host and
 * loopback names are accepted (plus names the operator adds); anything else gets 421.
 */
import os from 'node:os';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function allowedHostNames(boundHost: string, extra: readonly string[]): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', boundHost.replace(/^\[|\]$/g, ''), ...extra].map((name) => name.toLowerCase()));
  if (WILDCARD_HOSTS.has(boundHost)) {
    // Bound to every interface (only with --allow-remote): this machine's own names and addresses.
    names.add(os.hostname().toLowerCase());
    for (const addresses of Object.values(os.networkInterfaces())) for (const address of addresses ?? []) names.add(address.address.toLowerCase());
  }
  return names;
}

/** The host name of a Host header value (`name`, `name:port`, `[v6]:port`), lower case. */
export function hostNameOf(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']'));
  const colon = value.indexOf(':');
  return colon === -1 ? value : value.slice(0, colon);
}
