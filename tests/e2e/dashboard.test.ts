/**
 * "The Pulse" in a real headless Chromium: the real processor consumes real Kafka records into
 * Redis, the dashboard serves the page, and the test checks that the chart, the heatmap, the feed
 * and the health panel show exactly what the pipeline counted, and follow new records without a
 * reload. Screenshots go to tests/artifacts/ (git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../core/config.ts';
import { logger } from '../../core/logger.ts';
import { waitUntil } from '../../core/wait-until.ts';
import { buildApp } from '../../dashboard-api/app.ts';
import type { DashboardApp } from '../../dashboard-api/app-context.ts';
import { createKafkaProbe } from '../../dashboard-api/health/kafka-probe.ts';
import { type Processor, createProcessor } from '../../processor/runner/create-processor.ts';
import { hourLabel, windowStart } from '../../processor/window/window-math.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import type { Enricher } from '../../processor/enrich/enricher.ts';
import { postingEvent } from '../helpers/events.ts';
import { createTestTopic, deleteTestTopic, testKafkaClient } from '../helpers/kafka.ts';
import { testProcessorOptions } from '../helpers/processor.ts';
import { freshRedisDb } from '../helpers/redis.ts';
import { testBrokers } from '../helpers/services.ts';
import { Redis } from 'ioredis';

const ARTIFACTS = path.join(REPO_ROOT, 'tests', 'artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** What the page's elements carry for the test (the test compiles without the DOM library). */
type WithDataset = { dataset: Record<string, string | undefined> };

interface Posting {
  name: string;
  minutesAgo: number;
  location?: string;
  description?: string;
  isRemote?: boolean;
}

const e2e = suite('the pulse page');
const context: {
  topic: string;
  redis: Redis;
  redisUrl: string;
  processor: Processor;
  enricher: Enricher;
  app: DashboardApp;
  appRedis: Redis[];
  base: string;
  browser: Browser;
  page: Page;
  nowMs: number;
  produced: number;
  expected: Map<string, Map<string, number>>;
  /** `skill/region/hour label` → count: what one trend key holds. */
  keys: Map<string, number>;
  consoleErrors: string[];
  foreignRequests: string[];
} = {} as never;

/** The hot counts one clean run produces: skill → region → count, from the real enricher. */
function expectCounts(postings: readonly Posting[]): void {
  for (const posting of postings) {
    const event = postingEvent(posting.name, new Date(context.nowMs - posting.minutesAgo * 60_000).toISOString(), payloadOf(posting));
    const enriched = context.enricher.enrich({ ...event.payload });
    const hour = hourLabel(windowStart(Date.parse(event.timestamp)));
    for (const skill of enriched.skills) {
      const key = `${skill}/${enriched.region}/${hour}`;
      context.keys.set(key, (context.keys.get(key) ?? 0) + 1);
      const byRegion = context.expected.get(skill) ?? new Map<string, number>();
      context.expected.set(skill, byRegion);
      byRegion.set(enriched.region, (byRegion.get(enriched.region) ?? 0) + 1);
    }
  }
}

function payloadOf(posting: Posting) {
  return {
    ...(posting.location !== undefined ? { location: posting.location } : {}),
    ...(posting.description !== undefined ? { description: posting.description } : {}),
    ...(posting.isRemote !== undefined ? { is_remote: posting.isRemote } : {}),
  };
}

async function produce(postings: readonly Posting[], extra: Array<string | Buffer> = []): Promise<void> {
  const producer = testKafkaClient().producer();
  await producer.connect();
  // One partition: the watermark (and so which event is late) is then exactly predictable.
  await producer.send(context.topic, [
    ...postings.map((posting) => ({
      key: posting.name,
      value: JSON.stringify(postingEvent(posting.name, new Date(context.nowMs - posting.minutesAgo * 60_000).toISOString(), payloadOf(posting))),
      partition: 0,
    })),
    ...extra.map((value, index) => ({ key: `extra-${context.produced + index}`, value, partition: 0 })),
  ]);
  await producer.disconnect();
  context.produced += postings.length + extra.length;
}

function total(skill: string, region?: string): number {
  const byRegion = context.expected.get(skill);
  if (byRegion === undefined) return 0;
  return region === undefined ? [...byRegion.values()].reduce((sum, count) => sum + count, 0) : (byRegion.get(region) ?? 0);
}

/** The top five as the API defines them: highest total first, ties alphabetical. */
function expectedTop(): Array<{ skill: string; total: number }> {
  return [...context.expected.keys()]
    .map((skill) => ({ skill, total: total(skill) }))
    .sort((a, b) => b.total - a.total || (a.skill < b.skill ? -1 : 1))
    .slice(0, 5);
}

async function legend(): Promise<Array<{ skill: string; total: number }>> {
  return context.page.$$eval('#trend-legend li[data-skill]', (items) =>
    items.map((item) => ({ skill: (item as WithDataset).dataset.skill!, total: Number((item as WithDataset).dataset.total) })),
  );
}

async function waitForLegend(expected: Array<{ skill: string; total: number }>): Promise<void> {
  await waitUntil(`the chart legend to show ${JSON.stringify(expected)}`, async () => (JSON.stringify(await legend()) === JSON.stringify(expected) ? true : undefined), {
    timeoutMs: 15_000,
  });
}

async function mapCount(region: string): Promise<number | undefined> {
  const value = await context.page.$eval(`#world-map path[data-region="${region}"]`, (shape) => (shape as WithDataset).dataset.count).catch(() => undefined);
  return value === undefined ? undefined : Number(value);
}

async function field(name: string): Promise<string> {
  return context.page.$eval(`[data-field="${name}"]`, (element) => element.textContent ?? '');
}

async function screenshot(name: string, width: number, height: number): Promise<string> {
  await context.page.setViewportSize({ width, height });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}-${width}x${height}.png`);
  await context.page.screenshot({ path: file });
  return file;
}

// Twelve postings in the current and previous hour: London (uk), Berlin (de), remote, unknown.
const FIRST_WAVE: Posting[] = [
  { name: 'w1-a', minutesAgo: 5 },
  { name: 'w1-b', minutesAgo: 10 },
  { name: 'w1-c', minutesAgo: 70 },
  { name: 'w1-d', minutesAgo: 15, location: 'Berlin, Germany', description: 'Kafka and Go (Golang) developers' },
  { name: 'w1-e', minutesAgo: 20, location: 'Berlin, Germany', description: 'Go, Kubernetes and Terraform' },
  { name: 'w1-f', minutesAgo: 25, location: 'Paris, France', description: 'Python and Django' },
  { name: 'w1-g', minutesAgo: 30, location: 'Remote', isRemote: true, description: 'Rust and Python' },
  { name: 'w1-h', minutesAgo: 35, location: '', description: 'TypeScript, React and Node.js' },
  { name: 'w1-i', minutesAgo: 40, location: 'New York, NY', description: 'Python, Kafka and Kubernetes' },
  { name: 'w1-j', minutesAgo: 45, location: 'Manchester, England', description: 'Kubernetes and Go' },
  { name: 'w1-k', minutesAgo: 50, location: 'Toronto, Canada', description: 'Python and PostgreSQL' },
  { name: 'w1-l', minutesAgo: 55, location: 'Madrid, Spain', description: 'React and TypeScript' },
];

// A burst of Kubernetes postings in Germany that moves it to the top of the chart.
const SECOND_WAVE: Posting[] = Array.from({ length: 6 }, (_, index) => ({
  name: `w2-${index}`,
  minutesAgo: 2,
  location: 'Munich, Germany',
  description: 'Kubernetes platform engineer',
}));

e2e.before(async () => {
  // Well inside the hour's first minutes would put "70 minutes ago" two hours back; either is in the 24 h.
  context.nowMs = Date.now();
  context.produced = 0;
  context.expected = new Map();
  context.keys = new Map();
  context.consoleErrors = [];
  context.foreignRequests = [];
  context.enricher = createEnricher();
  context.topic = await createTestTopic('dash-e2e', 1);
  const admin = testKafkaClient().admin();
  await admin.connect();
  await admin.createTopics([{ topic: `${context.topic}.dlq`, numPartitions: 1 }]);
  await admin.disconnect();
  const { url, redis } = await freshRedisDb(13);
  context.redis = redis;
  context.redisUrl = url;

  const options = testProcessorOptions(context.topic, url, { idleTimeoutMs: 60_000 });
  context.processor = createProcessor(options, context.enricher);
  await context.processor.start();

  const appRedis = new Redis(url);
  const subscriber = new Redis(url);
  context.appRedis = [appRedis, subscriber];
  const kafka = createKafkaProbe({ brokers: testBrokers(), client: 'kafkajs', topic: context.topic, groupId: options.groupId, cacheMs: 1000, clock: Date.now });
  context.app = await buildApp({ redis: appRedis, subscriber, kafka, logger: logger.child({ component: 'dashboard-e2e' }) }, { port: 0 });
  context.base = await context.app.listen({ host: '127.0.0.1', port: 0 });

  context.browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context.page = await context.browser.newPage({ viewport: { width: 1366, height: 768 } });
  context.page.on('console', (message) => {
    if (message.type() === 'error') context.consoleErrors.push(message.text());
  });
  context.page.on('pageerror', (error) => context.consoleErrors.push(error.message));
  context.page.on('request', (request) => {
    if (!request.url().startsWith(context.base) && !request.url().startsWith('data:')) context.foreignRequests.push(request.url());
  });
});

e2e.after(async () => {
  await context.browser?.close();
  await context.app?.close();
  for (const client of context.appRedis ?? []) client.disconnect();
  await context.processor?.stop();
  context.redis?.disconnect();
  await deleteTestTopic(context.topic);
  await deleteTestTopic(`${context.topic}.dlq`);
});

e2e('the page shows what the processor counted: top 5, heatmap and health', async () => {
  await produce(FIRST_WAVE);
  expectCounts(FIRST_WAVE);
  await waitUntil('the processor to consume the first wave', () => (context.processor.status().totals.eventsIn === FIRST_WAVE.length ? true : undefined));

  await context.page.goto(`${context.base}/`);
  await context.page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  const top = expectedTop();
  assert.is(top[0]!.skill, 'python');
  await waitForLegend(top);
  // The API agrees with the page, and the chart drew one line per skill.
  const apiTop = (await (await fetch(`${context.base}/api/trends/top?limit=5`)).json()) as { skills: Array<{ skill: string; total: number }> };
  assert.equal(apiTop.skills.map(({ skill, total }) => ({ skill, total })), top);
  assert.is(await context.page.$$eval('#trend-chart .u-over', (nodes) => nodes.length), 1);

  // The heatmap follows the top skill: python per region, remote and unknown on their own tiles.
  assert.is(await context.page.$eval('#map-skill', (element) => element.textContent), 'python');
  await waitUntil('the heatmap to show python in the UK', async () => ((await mapCount('uk')) === total('python', 'uk') ? true : undefined), { timeoutMs: 10_000 });
  assert.is(total('python', 'uk'), 3);
  assert.is(await mapCount('fr'), total('python', 'fr'));
  assert.is(await mapCount('us'), total('python', 'us'));
  assert.is(await mapCount('de'), 0);
  const remoteTile = await context.page.$eval('#special-regions [data-region="remote"]', (tile) => Number((tile as WithDataset).dataset.count));
  assert.is(remoteTile, total('python', 'remote'));
  assert.is(remoteTile, 1);

  await waitUntil('the health panel to show a live pipeline', async () => {
    const status = await context.page.$eval('#health-status', (badge) => (badge as WithDataset).dataset.status);
    return status === 'ok' && (await field('processors')) === '1 alive' ? true : undefined;
  }, { timeoutMs: 15_000 });
  assert.is(await field('dlq'), '0');
  assert.is(await field('services'), 'up · up');
  assert.is(await context.page.$eval('#live-dot', (dot) => (dot as WithDataset).dataset.state), 'live');
  assert.ok(fs.existsSync(await screenshot('dashboard', 1366, 768)));
  await screenshot('dashboard', 1920, 1080);
  await context.page.setViewportSize({ width: 1366, height: 768 });
});

e2e('new records appear in the chart, the heatmap and the feed without a reload', async () => {
  const navigations: string[] = [];
  context.page.on('framenavigated', (frame) => navigations.push(frame.url()));
  await context.page.fill('#skill-picker', 'kubernetes');
  await context.page.dispatchEvent('#skill-picker', 'change');
  await waitUntil('the heatmap to switch to kubernetes', async () => ((await mapCount('de')) === total('kubernetes', 'de') ? true : undefined), { timeoutMs: 10_000 });
  assert.is(await mapCount('de'), 1);

  await produce(SECOND_WAVE);
  expectCounts(SECOND_WAVE);
  const top = expectedTop();
  assert.equal(top[0], { skill: 'kubernetes', total: 9 });
  await waitForLegend(top);
  await waitUntil('the German kubernetes count to reach 7 on the map', async () => ((await mapCount('de')) === 7 ? true : undefined), { timeoutMs: 10_000 });
  // The feed shows trend keys as the processor announced them: one hour's count each.
  const burstHour = hourLabel(windowStart(context.nowMs - 2 * 60_000));
  const burstCount = String(context.keys.get(`kubernetes/de/${burstHour}`));
  const feed = await context.page.$$eval('#update-feed li', (items) => items.map((item) => ({ ...(item as WithDataset).dataset })));
  assert.ok(
    feed.some((entry) => entry.skill === 'kubernetes' && entry.region === 'de' && entry.hour === burstHour && entry.count === burstCount),
    `feed lacks kubernetes/de/${burstHour} = ${burstCount}: ${JSON.stringify(feed)}`,
  );
  assert.equal(navigations, []);
});

e2e('the health panel counts DLQ and late records, and the region filter narrows the chart', async () => {
  // Not JSON → DLQ. Four hours behind the partition's newest event → its window is final → late.
  await produce([{ name: 'late-1', minutesAgo: 240 + (context.nowMs - windowStart(context.nowMs)) / 60_000 }], ['{ not json']);
  await waitUntil('the processor to consume the bad and late records', () => (context.processor.status().totals.eventsIn === context.produced ? true : undefined));
  await waitUntil('the health panel to show one DLQ and one late record', async () => ((await field('dlq')) === '1' && (await field('late')) === '1' ? true : undefined), {
    timeoutMs: 10_000,
  });
  assert.match(await field('throughput'), /^[\d.,]+ ev\/s$/);
  assert.match(await field('watermark'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  assert.match(await field('watermark-lag'), /behind$/);

  await context.page.selectOption('#region-filter', 'de');
  const germany = [...context.expected.keys()]
    .map((skill) => ({ skill, total: total(skill, 'de') }))
    .filter((entry) => entry.total > 0)
    .sort((a, b) => b.total - a.total || (a.skill < b.skill ? -1 : 1))
    .slice(0, 5);
  await waitForLegend(germany);
  assert.equal(germany[0], { skill: 'kubernetes', total: 7 });
  await screenshot('dashboard-germany', 1366, 768);
});

e2e('everything the page loaded came from the dashboard itself, without errors', () => {
  assert.equal(context.foreignRequests, []);
  assert.equal(context.consoleErrors, []);
});

e2e.run();
