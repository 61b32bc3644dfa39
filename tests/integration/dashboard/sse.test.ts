/**
 * Live updates over Server-Sent Events on a listening app (port 0): counts the hot sink announces
 * reach every client, the client cap answers 429, and disconnected clients are cleaned up.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitUntil } from '../../../core/wait-until.ts';
import { type DashboardFixture, type SseConnection, dashboardFixture, openSse } from './dashboard-fixture.ts';
import { createHotWriter } from './hot-writer.ts';

const H = 3_600_000;
const HOUR = Date.UTC(2024, 2, 15, 10);

const sse = suite('dashboard sse');
const context: { fixture: DashboardFixture; base: string; open: SseConnection[] } = {} as never;

sse.before.each(async () => {
  context.fixture = await dashboardFixture(11, { options: { maxSseClients: 2, sseFlushIntervalMs: 50 } });
  const address = await context.fixture.app.listen({ host: '127.0.0.1', port: 0 });
  context.base = address;
  context.open = [];
});

sse.after.each(async () => {
  for (const connection of context.open) connection.close();
  await context.fixture.close();
});

async function connect(headers?: Record<string, string>): Promise<SseConnection> {
  const connection = await openSse(`${context.base}/api/stream`, headers);
  context.open.push(connection);
  return connection;
}

async function sseClientsGauge(): Promise<number> {
  const text = (await context.fixture.app.inject({ url: '/metrics' })).body;
  const match = /^pulse_dashboard_sse_clients (\d+)$/m.exec(text);
  return Number(match?.[1]);
}

sse('announced counts reach every connected client as one merged event', async () => {
  const first = await connect();
  // curl and fetch send Accept: */*; an SSE-only route must still stream to them.
  const second = await connect({ accept: '*/*' });
  assert.is(first.status, 200);
  assert.is(second.status, 200);
  assert.equal((await first.next((event) => event.event === 'hello')).data, { clients: 1 });
  assert.equal((await second.next((event) => event.event === 'hello')).data, { clients: 2 });

  const writer = await createHotWriter(context.fixture.redis);
  await writer.write([
    { skill: 'python', region: 'uk', hourMs: HOUR, delta: 2 },
    { skill: 'kafka', region: 'de', hourMs: HOUR - H, delta: 1 },
  ]);
  await writer.write([{ skill: 'python', region: 'uk', hourMs: HOUR, delta: 3 }]);
  const expected = [
    { skill: 'python', region: 'uk', hour: '2024-03-15-10', count: 5 },
    { skill: 'kafka', region: 'de', hour: '2024-03-15-09', count: 1 },
  ];
  for (const connection of [first, second]) {
    // The two batches may land in one flush or two; the newest total per key is what counts.
    await waitUntil('both keys at their final totals', () => {
      const latest = new Map<string, unknown>();
      for (const event of connection.events.filter((entry) => entry.event === 'counts')) {
        for (const update of (event.data as { updates: Array<{ skill: string; region: string; hour: string }> }).updates) {
          latest.set(`${update.skill}/${update.region}/${update.hour}`, update);
        }
      }
      const sorted = [...latest.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      return JSON.stringify(sorted) === JSON.stringify([...expected].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))) ? true : undefined;
    }, { timeoutMs: 10_000 });
  }
});

sse('past the cap a client gets 429; a disconnected client frees its slot', async () => {
  const first = await connect();
  const second = await connect();
  await first.next((event) => event.event === 'hello');
  await second.next((event) => event.event === 'hello');
  assert.is(await sseClientsGauge(), 2);

  const third = await connect();
  assert.is(third.status, 429);
  assert.equal(JSON.parse(await third.ended), {
    statusCode: 429,
    error: 'Too Many Requests',
    message: 'the dashboard already serves 2 live clients (the cap); try again later',
  });

  first.close();
  await waitUntil('the closed client to be removed', async () => ((await sseClientsGauge()) === 1 ? true : undefined), { timeoutMs: 10_000 });
  const fourth = await connect();
  assert.is(fourth.status, 200);
  assert.equal((await fourth.next((event) => event.event === 'hello')).data, { clients: 2 });
  const metrics = (await context.fixture.app.inject({ url: '/metrics' })).body;
  assert.match(metrics, /^pulse_dashboard_sse_rejected_total 1$/m);
});

sse('a client that refuses event streams gets 406', async () => {
  const refusing = await connect({ accept: 'application/json' });
  assert.is(refusing.status, 406);
});

sse('malformed messages on the channel are ignored, later updates still flow', async () => {
  const client = await connect();
  await client.next((event) => event.event === 'hello');
  await context.fixture.redis.publish('pulse:updates', 'not json');
  await context.fixture.redis.publish('pulse:updates', JSON.stringify({ partition: 0, updates: [{ skill: 'x' }] }));
  const writer = await createHotWriter(context.fixture.redis);
  await writer.write([{ skill: 'rust', region: 'remote', hourMs: HOUR, delta: 4 }]);
  const counts = await client.next((event) => event.event === 'counts');
  assert.equal(counts.data, { updates: [{ skill: 'rust', region: 'remote', hour: '2024-03-15-10', count: 4 }] });
  assert.is(client.events.filter((event) => event.event === 'counts').length, 1);
});

sse.run();
