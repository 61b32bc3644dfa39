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

/**
 * The host name of a Host header value (`name`, `name:port`, `[v6]`, `[v6]:port`), lower case;
 * undefined for anything else (`[::1].evil.test`, `localhost@evil.test`, `127.0.0.1:80:81`), so a
 * value that merely starts like an allowed name is refused. The port is not compared with the
 * one the server listens on: an SSH tunnel (`ssh -L 9000:localhost:8080`) changes it, and a
 * rebinding page cannot choose the name, which is what is checked.
 */
export function hostNameOf(header: string): string | undefined {
  const value = header.trim().toLowerCase();
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9._-]+))(?::\d{1,5})?$/.exec(value);
  return match === null ? undefined : (match[1] ?? match[2]);
}
