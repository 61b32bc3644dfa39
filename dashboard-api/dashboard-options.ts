/**
 * Options of the dashboard, validated once at start-up; units are in the names. The app
 * (buildApp) and the server (startDashboard) both take them; defaults live here only.
 */
import net from 'node:net';
import { PulseError } from '../core/errors.ts';

export interface DashboardOptions {
  /** Interface to bind; default 127.0.0.1. Anything but loopback needs `allowRemote`. */
  host: string;
  /** TCP port; 0 lets the OS choose (tests). Default 8080. */
  port: number;
  /** Allow binding a non-loopback interface; default false (the API has no authentication). */
  allowRemote: boolean;
  /** Host names accepted in the Host header besides the bound host and loopback names. */
  extraAllowedHosts: string[];
  /** Concurrent Server-Sent Events clients; one more gets 429. Default 100. */
  maxSseClients: number;
  /** Count updates are merged for this long before they go to SSE clients; default 200 ms. */
  sseFlushIntervalMs: number;
  /** SSE keep-alive comment interval; default 15 s (proxies drop silent streams). */
  sseHeartbeatMs: number;
  /** A processor whose last heartbeat is older than this is not alive; default 5 s. */
  processorStaleMs: number;
  /** Consumer lag (records) above which health is `degraded`; default 10 000. */
  lagDegradedRecords: number;
  /** Kafka probe results are reused for this long, so polling pages do not hammer the broker; default 2 s. */
  kafkaProbeCacheMs: number;
  /** Throughput is the eventsIn growth over this trailing window of heartbeats; default 10 s. */
  throughputWindowMs: number;
}

export const DASHBOARD_DEFAULTS: DashboardOptions = {
  host: '127.0.0.1',
  port: 8080,
  allowRemote: false,
  extraAllowedHosts: [],
  maxSseClients: 100,
  sseFlushIntervalMs: 200,
  sseHeartbeatMs: 15_000,
  processorStaleMs: 5000,
  lagDegradedRecords: 10_000,
  kafkaProbeCacheMs: 2000,
  throughputWindowMs: 10_000,
};

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  const bare = host.replace(/^\[|\]$/g, '');
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  return bare === '::1';
}

export function validateDashboardOptions(input: Partial<DashboardOptions>): DashboardOptions {
  const known = new Set(Object.keys(DASHBOARD_DEFAULTS));
  const unknown = Object.keys(input).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new PulseError('CONFIG_INVALID', `unknown dashboard option(s): ${unknown.join(', ')}`);
  const options: DashboardOptions = { ...DASHBOARD_DEFAULTS, ...input };
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new PulseError('CONFIG_INVALID', `port must be a whole number from 0 to 65535, got ${options.port}`);
  }
  if (options.host.trim() === '') throw new PulseError('CONFIG_INVALID', 'host must not be empty');
  if (!isLoopbackHost(options.host) && !options.allowRemote) {
    throw new PulseError(
      'CONFIG_INVALID',
      `host ${options.host} is not a loopback address; the dashboard has no authentication, so it binds 127.0.0.1 ` +
        'unless you pass --allow-remote (and put it behind something that authenticates)',
    );
  }
  const positive = ['maxSseClients', 'sseFlushIntervalMs', 'sseHeartbeatMs', 'processorStaleMs', 'throughputWindowMs'] as const;
  for (const name of positive) {
    if (!Number.isInteger(options[name]) || options[name] <= 0) {
      throw new PulseError('CONFIG_INVALID', `${name} must be a positive whole number, got ${options[name]}`);
    }
  }
  for (const name of ['lagDegradedRecords', 'kafkaProbeCacheMs'] as const) {
    if (!Number.isInteger(options[name]) || options[name] < 0) {
      throw new PulseError('CONFIG_INVALID', `${name} must be zero or a positive whole number, got ${options[name]}`);
    }
  }
  return options;
}
