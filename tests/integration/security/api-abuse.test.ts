/**
 * Abuse of the dashboard API, on a listening app (port 0) built with its own Redis database (15):
 * foreign Host headers in many spellings, the SSE client cap, 1,000 SSE connect/disconnect cycles
 * (no client, listener, socket or heap left behind), hostile query parameters, request bodies on
 * GET routes, oversized requests; and the bind rule of `pulse dashboard` itself, spawned.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Redis } from 'ioredis';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { logger } from '../../../core/logger.ts';
import { waitUntil } from '../../../core/wait-until.ts';
import { buildApp } from '../../../dashboard-api/app.ts';
import type { DashboardApp } from '../../../dashboard-api/app-context.ts';
import { freshRedisDb } from '../../helpers/redis.ts';
import { openSse, reachableKafka } from '../dashboard/dashboard-fixture.ts';

const CAP = 25;
const ALLOWED = 'localhost, 127.0.0.1, ::1';

const api = suite('dashboard api abuse');
const context: { app: DashboardApp; port: number; redisUrl: string; connections: Redis[] } = {} as never;

api.before(async () => {
  const { url, redis } = await freshRedisDb(15);
  redis.disconnect();
  context.redisUrl = url;
  const appRedis = new Redis(url);
  const subscriber = new Redis(url);
  context.connections = [appRedis, subscriber];
  context.app = await buildApp(
    { redis: appRedis, subscriber, kafka: reachableKafka, logger: logger.child({ component: 'security-test' }) },
    { port: 0, maxSseClients: CAP, sseFlushIntervalMs: 50 },
  );
  await context.app.listen({ host: '127.0.0.1', port: 0 });
  context.port = (context.app.server.address() as net.AddressInfo).port;
});

api.after(async () => {
  await context.app.close();
  for (const connection of context.connections) connection.disconnect();
});

/** Sends `head` (request line and headers, no blank line) on a raw socket; the status and body. */
function raw(head: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(context.port, '127.0.0.1', () => socket.write(`${head}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) }));
  });
}

function until(what: string, check: () => Promise<boolean>): Promise<true> {
  return waitUntil(what, async () => ((await check()) ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
}

async function sseClientsGauge(): Promise<number> {
  const text = (await context.app.inject({ url: '/metrics' })).body;
  return Number(/^pulse_dashboard_sse_clients (\d+)$/m.exec(text)?.[1]);
}

async function rejectedTotal(): Promise<number> {
  const text = (await context.app.inject({ url: '/metrics' })).body;
  return Number(/^pulse_dashboard_sse_rejected_total (\d+)$/m.exec(text)?.[1]);
}

function openConnections(): Promise<number> {
  return new Promise((resolve, reject) => context.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

api('a foreign Host header gets 421 naming it, in every spelling tried', async () => {
  const port = context.port;
  const foreign = [
    'evil.com',
    `evil.com:${port}`,
    `127.0.0.1.evil.com:${port}`,
    `localhost.evil.com:${port}`,
    `localhost.:${port}`,
    `127.0.0.1@evil.com:${port}`,
    `evil.com@127.0.0.1:${port}`,
    `127.0.0.1:${port}:80`,
    `127.0.0.1:${port}/evil`,
    `127.0.0.1:${port}evil`,
    `[::1].evil.com:${port}`,
    `[::1]evil.com`,
    `[::ffff:127.0.0.1]:${port}`,
    `[0:0:0:0:0:0:0:1]:${port}`,
    '[2001:db8::1]',
    '2130706433',
    '0x7f000001',
    '127.1',
    '0.0.0.0',
    'a'.repeat(300),
  ];
  for (const host of foreign) {
    const response = await raw(`GET /api/catalog HTTP/1.1\r\nHost: ${host}`);
    assert.is(response.status, 421, host);
    assert.equal(JSON.parse(response.body), { statusCode: 421, error: 'Misdirected Request', message: `host "${host}" is not served here (allowed: ${ALLOWED})` }, host);
  }
  // HTTP/1.0 may leave Host out; the guard refuses that too. (HTTP/1.1 without Host: Node answers 400 itself.)
  const missing = await raw('GET /api/catalog HTTP/1.0');
  assert.is(missing.status, 421);
  assert.is(JSON.parse(missing.body).message, `host "" is not served here (allowed: ${ALLOWED})`);
  assert.is((await raw('GET /api/catalog HTTP/1.1')).status, 400);
  // Node keeps the first of two Host headers; the guard judges that one.
  assert.is((await raw(`GET /api/catalog HTTP/1.1\r\nHost: evil.com\r\nHost: 127.0.0.1:${port}`)).status, 421);
  // The page and the event stream are guarded like the API; a refused stream takes no client slot.
  assert.is((await raw('GET / HTTP/1.1\r\nHost: evil.com')).status, 421);
  assert.is((await raw('GET /api/stream HTTP/1.1\r\nHost: evil.com\r\nAccept: text/event-stream')).status, 421);
  assert.is(await sseClientsGauge(), 0);
});

api('loopback names are served, on any port (an SSH tunnel changes it)', async () => {
  for (const host of [`127.0.0.1:${context.port}`, `localhost:${context.port}`, `[::1]:${context.port}`, `LOCALHOST:${context.port}`, 'localhost:9000', '127.0.0.1', '[::1]']) {
    const response = await raw(`GET /api/catalog HTTP/1.1\r\nHost: ${host}`);
    assert.is(response.status, 200, host);
    assert.equal(JSON.parse(response.body), { skills: [], regions: [] }, host);
  }
});

api(`the SSE cap: ${CAP} clients stream, one more gets 429 with Retry-After, and a freed slot is reusable`, async () => {
  const base = `http://127.0.0.1:${context.port}`;
  const open = [];
  for (let i = 0; i < CAP; i += 1) open.push(await openSse(`${base}/api/stream`));
  try {
    for (const [i, connection] of open.entries()) assert.equal((await connection.next((event) => event.event === 'hello')).data, { clients: i + 1 });
    const refused = await openSse(`${base}/api/stream`);
    assert.is(refused.status, 429);
    assert.equal(JSON.parse(await refused.ended), {
      statusCode: 429,
      error: 'Too Many Requests',
      message: `the dashboard already serves ${CAP} live clients (the cap); try again later`,
    });
    const headers = await new Promise<http.IncomingHttpHeaders>((resolve) => http.get(`${base}/api/stream`, (response) => (response.resume(), resolve(response.headers))));
    assert.is(headers['retry-after'], '10');
    open.shift()!.close();
    await until('a closed client to be removed', async () => (await sseClientsGauge()) === CAP - 1);
    const again = await openSse(`${base}/api/stream`);
    open.push(again);
    assert.equal((await again.next((event) => event.event === 'hello')).data, { clients: CAP });
  } finally {
    for (const connection of open) connection.close();
  }
  await until('every client to be removed', async () => (await sseClientsGauge()) === 0);
});

/** Opens the stream, waits for its hello event, disconnects. */
function connectOnce(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: context.port, path: '/api/stream', agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`status ${response.statusCode}`));
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('event: hello')) {
          request.destroy();
          resolve();
        }
      });
    });
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
  });
}

async function cycles(count: number): Promise<void> {
  for (let done = 0; done < count; done += CAP) {
    await Promise.all(Array.from({ length: Math.min(CAP, count - done) }, connectOnce));
    await until('the batch to be removed', async () => (await sseClientsGauge()) === 0);
  }
}

/** `global.gc`, enabled at run time (the test runner starts files without --expose-gc). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i += 1) gc();
}

api('1,000 SSE connect/disconnect cycles leave no client, listener, socket or heap growth behind', async () => {
  const subscriber = context.connections[1]!;
  const rejectedBefore = await rejectedTotal();
  const listenersBefore = { message: subscriber.listenerCount('message'), server: context.app.server.listenerCount('connection') };
  await cycles(100); // warm-up: code paths compiled, pools sized
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  await cycles(1000);
  await until('every socket to close', async () => (await openConnections()) === 0);
  collectGarbage();
  const growth = process.memoryUsage().heapUsed - heapBefore;
  assert.is(await sseClientsGauge(), 0);
  assert.equal({ message: subscriber.listenerCount('message'), server: context.app.server.listenerCount('connection') }, listenersBefore);
  assert.is(await rejectedTotal(), rejectedBefore);
  process.stdout.write(`heap growth over 1,000 cycles: ${(growth / 1024).toFixed(0)} KB\n`);
  assert.ok(growth < 3 * 1024 * 1024, `heap grew by ${(growth / 1024 / 1024).toFixed(2)} MB over 1,000 cycles`);
});

const QUERY_ABUSE: Array<[url: string, message: string, parameter: string]> = [
  [`/api/heatmap?skill=${'a'.repeat(10_000)}`, 'query parameter "skill" must match pattern "^[a-z0-9.+#][a-z0-9.+#-]{0,63}$"', 'skill'],
  ['/api/heatmap?skill=%C3%B1', 'query parameter "skill" must match pattern "^[a-z0-9.+#][a-z0-9.+#-]{0,63}$"', 'skill'],
  ['/api/heatmap?skill=%F0%9F%92%A9', 'query parameter "skill" must match pattern "^[a-z0-9.+#][a-z0-9.+#-]{0,63}$"', 'skill'],
  ['/api/heatmap?skill=python%00', 'query parameter "skill" must match pattern "^[a-z0-9.+#][a-z0-9.+#-]{0,63}$"', 'skill'],
  ['/api/heatmap?skill=%E0%A4%A', 'query parameter "skill" must match pattern "^[a-z0-9.+#][a-z0-9.+#-]{0,63}$"', 'skill'],
  ['/api/heatmap?skill=python%0Aevil', 'query parameter "skill" must match pattern "^[a-z0-9.+#][a-z0-9.+#-]{0,63}$"', 'skill'],
  ['/api/heatmap?skill=python&skill=rust', 'query parameter "skill" must be string', 'skill'],
  ['/api/heatmap?skill[]=python', 'query parameter "skill" is required', 'skill'],
  ['/api/trends/top?hours=1&hours=2', 'query parameter "hours" must be integer', 'hours'],
  ['/api/trends/top?hours[]=1', 'unknown query parameter "hours[]"', 'hours[]'],
  ['/api/trends/top?hours=-1', 'query parameter "hours" must be >= 1', 'hours'],
  ['/api/trends/top?hours=99999999999999999999', 'query parameter "hours" must be <= 168', 'hours'],
  ['/api/trends/top?hours=1e308', 'query parameter "hours" must be <= 168', 'hours'],
  ['/api/trends/top?hours=1.5', 'query parameter "hours" must be integer', 'hours'],
  ['/api/trends/top?hours=NaN', 'query parameter "hours" must be integer', 'hours'],
  ['/api/trends/top?hours=Infinity', 'query parameter "hours" must be a finite number', 'hours'],
  ['/api/trends/top?hours=1e400', 'query parameter "hours" must be a finite number', 'hours'],
  ['/api/trends/top?limit=Infinity', 'query parameter "limit" must be a finite number', 'limit'],
  ['/api/heatmap?skill=python&hours=-Infinity', 'query parameter "hours" must be a finite number', 'hours'],
  ['/api/trends/top?limit=-5', 'query parameter "limit" must be >= 1', 'limit'],
  ['/api/trends/top?region=../../etc', 'query parameter "region" must match pattern "^[a-z][a-z0-9-]{1,31}$"', 'region'],
  ['/api/trends/top?at=%2B275760-09-13T00:00:00Z', 'query parameter "at" must match format "date-time"', 'at'],
  ['/api/trends/top?__proto__[x]=1', 'unknown query parameter "__proto__[x]"', '__proto__[x]'],
  ['/api/trends/top?__proto__=x', 'unknown query parameter "__proto__"', '__proto__'],
  ['/api/trends/top?constructor[prototype][x]=1', 'unknown query parameter "constructor[prototype][x]"', 'constructor[prototype][x]'],
  ['/api/trends/top?toString=x', 'unknown query parameter "toString"', 'toString'],
  ['/api/history?skill=python&from=2024-02-30&to=2024-03-01', 'query parameter "from" must match format "date"', 'from'],
  ["/api/history?skill=python&from=2024-03-01'--&to=2024-03-01", 'query parameter "from" must match format "date"', 'from'],
  ['/api/history?skill=python&from=2024-01-01&to=2026-01-01', 'the period 2024-01-01..2026-01-01 is 732 days; at most 366', 'to'],
];

api(`${QUERY_ABUSE.length} hostile query strings get 400 naming the parameter; nothing crashes or is polluted`, async () => {
  for (const [url, message, parameter] of QUERY_ABUSE) {
    const response = await context.app.inject({ url, headers: { host: '127.0.0.1' } });
    assert.is(response.statusCode, 400, url);
    assert.equal(response.json(), { statusCode: 400, error: 'Bad Request', message, parameter }, url);
  }
  assert.is(({} as Record<string, unknown>).x, undefined);
  assert.is(Object.prototype.hasOwnProperty.call(Object.prototype, 'x'), false);
  assert.is(context.app.server.listening, true);
  const metrics = (await context.app.inject({ url: '/metrics' })).body;
  assert.not.match(metrics, /status="500"/);
});

api('an oversized request line gets 431 from Node, and the server keeps serving', async () => {
  const response = await raw(`GET /api/heatmap?skill=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1`);
  assert.is(response.status, 431);
  assert.is((await raw('GET /api/catalog HTTP/1.1\r\nHost: 127.0.0.1')).status, 200);
});

api('a body on a GET route is ignored, never parsed into the query; other methods are 404', async () => {
  const cases: Array<[string, string]> = [
    ['{"hours": 1000, "__proto__": {"x": 1}}', 'application/json'],
    ['{not json', 'application/json'],
    ['x'.repeat(2_000_000), 'application/json'],
    ['hours=1000', 'application/x-www-form-urlencoded'],
  ];
  for (const [payload, type] of cases) {
    const response = await context.app.inject({ method: 'GET', url: '/api/trends/top?hours=3', payload, headers: { host: '127.0.0.1', 'content-type': type } });
    assert.is(response.statusCode, 200, payload.slice(0, 40));
    assert.is(response.json().hours.length, 3, payload.slice(0, 40));
  }
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
    const response = await context.app.inject({ method, url: '/api/trends/top', payload: '{}', headers: { host: '127.0.0.1', 'content-type': 'application/json' } });
    assert.equal(response.json(), { statusCode: 404, error: 'Not Found', message: `no route ${method} /api/trends/top` }, method);
  }
  assert.is(({} as Record<string, unknown>).x, undefined);
});

api.run();

// ---- the bind rule, through the real command ----------------------------------------------------

const bind = suite('pulse dashboard bind rule');

function dashboardEnv(): NodeJS.ProcessEnv {
  return { ...process.env, REDIS_URL: context.redisUrl || process.env.REDIS_URL };
}

bind('a non-loopback --host without --allow-remote exits 1 with the reason', () => {
  for (const host of ['0.0.0.0', '::', '192.0.2.10', 'localhost.evil.test', '::ffff:127.0.0.1']) {
    const result = spawnSync(process.execPath, ['bin/pulse.js', 'dashboard', '--host', host, '--port', '0'], { encoding: 'utf8', env: dashboardEnv(), timeout: 60_000 });
    assert.is(result.status, 1, host);
    assert.is(
      result.stderr,
      `pulse: CONFIG_INVALID: host ${host} is not a loopback address; the dashboard has no authentication, so it binds 127.0.0.1 ` +
        'unless you pass --allow-remote (and put it behind something that authenticates)\n',
      host,
    );
    assert.is(result.stdout, '', host);
  }
});

/** Starts `pulse dashboard` with `args`; resolves with the URL it prints. */
function startDashboard(args: string[]): Promise<{ child: ChildProcess; url: URL }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/pulse.js', 'dashboard', '--port', '0', ...args], { env: dashboardEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL within 60 s; stdout ${stdout}; stderr ${stderr}`));
    }, 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^The Pulse: (\S+)\/$/m.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, url: new URL(match[1]!) });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing its URL; stderr ${stderr}`));
    });
  });
}

function getStatus(url: URL, path: string, connectTo: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: connectTo, port: url.port, path, headers: { host: url.host } }, (response) => (response.resume(), resolve(response.statusCode ?? 0))).on('error', reject);
  });
}

bind('loopback variants start without --allow-remote; 0.0.0.0 starts with it; each stops cleanly on SIGTERM', async () => {
  const cases: Array<[args: string[], connectTo: string, printed: string]> = [
    [['--host', '127.0.0.2'], '127.0.0.2', '127.0.0.2'],
    [['--host', '::1'], '::1', '[::1]'],
    [['--host', 'localhost'], '127.0.0.1', '127.0.0.1'],
    // Bound to every interface, fastify prints the first (loopback) address.
    [['--host', '0.0.0.0', '--allow-remote'], '127.0.0.1', '127.0.0.1'],
  ];
  for (const [args, connectTo, printed] of cases) {
    const { child, url } = await startDashboard(args);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      assert.is(url.hostname, printed, args.join(' '));
      assert.is(await getStatus(url, '/api/catalog', connectTo), 200, args.join(' '));
    } finally {
      child.kill('SIGTERM');
    }
    assert.is(await exited, 0, args.join(' '));
  }
});

bind.run();
