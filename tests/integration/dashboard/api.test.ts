/**
 * The dashboard's JSON endpoints against real Redis, with counts written by the processor's own
 * hot sink and a fixed clock: exact top skills and series, heatmap, history, validation messages,
 * the Host-header guard and the OpenAPI document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PulseError } from '../../../core/errors.ts';
import { validateDashboardOptions } from '../../../dashboard-api/dashboard-options.ts';
import type { HistorySource } from '../../../dashboard-api/history-source.ts';
import { createColdQuery } from '../../../sinks/query/create-cold-query.ts';
import { type DashboardFixture, dashboardFixture } from './dashboard-fixture.ts';
import { createHotWriter } from './hot-writer.ts';

const H = 3_600_000;
const NOW = Date.UTC(2024, 2, 15, 10, 30); // 2024-03-15 10:30 UTC
const HOUR_10 = Date.UTC(2024, 2, 15, 10);
const HOUR_09 = HOUR_10 - H;
const OLDEST_IN_DAY = HOUR_10 - 23 * H; // 2024-03-14-11
const JUST_OUTSIDE_DAY = HOUR_10 - 24 * H; // 2024-03-14-10

const historyCalls: Array<unknown[]> = [];
const history: HistorySource = {
  async dailyCounts(...args) {
    historyCalls.push(args);
    return [
      { date: '2024-01-01', count: 7 },
      { date: '2024-01-02', count: 9 },
    ];
  },
};

const api = suite('dashboard api');
const context: { fixture: DashboardFixture } = {} as never;

api.before(async () => {
  context.fixture = await dashboardFixture(9, { clock: () => NOW, history });
  const writer = await createHotWriter(context.fixture.redis);
  await writer.write([
    { skill: 'python', region: 'uk', hourMs: HOUR_10, delta: 5 },
    { skill: 'python', region: 'de', hourMs: HOUR_10, delta: 2 },
    { skill: 'python', region: 'uk', hourMs: HOUR_09, delta: 3 },
    { skill: 'python', region: 'remote', hourMs: OLDEST_IN_DAY, delta: 1 },
    { skill: 'python', region: 'uk', hourMs: JUST_OUTSIDE_DAY, delta: 100 },
    { skill: 'kafka', region: 'uk', hourMs: HOUR_10, delta: 4 },
    { skill: 'kafka', region: 'unknown', hourMs: HOUR_09, delta: 6 },
    { skill: 'c++', region: 'de', hourMs: HOUR_09, delta: 10 },
    { skill: 'go', region: 'de', hourMs: HOUR_10, delta: 1 },
  ]);
});

api.after(async () => context.fixture.close());

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await context.fixture.app.inject({ method: 'GET', url, headers });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

api('top skills over the last 24 hours, overall: totals, order and hourly series', async () => {
  const { status, body } = await get('/api/trends/top?limit=3');
  assert.is(status, 200);
  const hours = body.hours as string[];
  assert.is(hours.length, 24);
  assert.is(hours[0], '2024-03-14-11');
  assert.is(hours[23], '2024-03-15-10');
  assert.is(body.region, 'all');
  const series = (values: Record<number, number>) => Array.from({ length: 24 }, (_, index) => values[index] ?? 0);
  assert.equal(body.skills, [
    // python: 5 + 2 (10:00) + 3 (09:00) + 1 (oldest hour); the 100 an hour earlier is outside the day
    { skill: 'python', total: 11, series: series({ 0: 1, 22: 3, 23: 7 }) },
    { skill: 'c++', total: 10, series: series({ 22: 10 }) },
    { skill: 'kafka', total: 10, series: series({ 22: 6, 23: 4 }) },
  ]);
});

api('top skills in one region, a short period, and "at" overriding the clock', async () => {
  const uk = await get('/api/trends/top?hours=2&region=uk');
  assert.equal(uk.body, {
    region: 'uk',
    hours: ['2024-03-15-09', '2024-03-15-10'],
    hourStartsMs: [HOUR_09, HOUR_10],
    skills: [
      { skill: 'python', total: 8, series: [3, 5] },
      { skill: 'kafka', total: 4, series: [0, 4] },
    ],
  });
  const earlier = await get(`/api/trends/top?hours=1&region=uk&at=${encodeURIComponent('2024-03-14T10:59:59Z')}`);
  assert.equal(earlier.body.skills, [{ skill: 'python', total: 100, series: [100] }]);
  const empty = await get('/api/trends/top?region=fr');
  assert.equal(empty.body.skills, []);
});

api('region heatmap of a skill: every known region, highest first', async () => {
  const { status, body } = await get('/api/heatmap?skill=python&hours=24');
  assert.is(status, 200);
  assert.is(body.total, 11);
  assert.equal(body.regions, [
    { region: 'uk', count: 8 },
    { region: 'de', count: 2 },
    { region: 'remote', count: 1 },
    { region: 'unknown', count: 0 },
  ]);
  const cpp = await get(`/api/heatmap?skill=${encodeURIComponent('c++')}&hours=2`);
  assert.equal(cpp.body.regions, [
    { region: 'de', count: 10 },
    { region: 'remote', count: 0 },
    { region: 'uk', count: 0 },
    { region: 'unknown', count: 0 },
  ]);
});

api('catalog lists the skills and regions ever counted', async () => {
  const { body } = await get('/api/catalog');
  assert.equal(body, { skills: ['c++', 'go', 'kafka', 'python'], regions: ['de', 'remote', 'uk', 'unknown'] });
});

api('bad parameters are 400s whose message names the parameter', async () => {
  const cases: Array<[string, string, string]> = [
    ['/api/trends/top?hours=0', 'hours', 'query parameter "hours" must be >= 1'],
    ['/api/trends/top?hours=169', 'hours', 'query parameter "hours" must be <= 168'],
    ['/api/trends/top?hours=abc', 'hours', 'query parameter "hours" must be integer'],
    ['/api/trends/top?limit=51', 'limit', 'query parameter "limit" must be <= 50'],
    ['/api/trends/top?region=U%20K', 'region', 'query parameter "region" must match pattern "^[a-z][a-z0-9-]{1,31}$"'],
    ['/api/trends/top?at=yesterday', 'at', 'query parameter "at" must match format "date-time"'],
    ['/api/trends/top?hour=3', 'hour', 'unknown query parameter "hour"'],
    ['/api/heatmap?hours=3', 'skill', 'query parameter "skill" is required'],
    ['/api/heatmap?skill=Python', 'skill', 'query parameter "skill" must match pattern "^[a-z0-9.+#][a-z0-9.+#-]{0,63}$"'],
    ['/api/history?skill=python&from=2024-02-30&to=2024-03-01', 'from', 'query parameter "from" must match format "date"'],
    ['/api/history?skill=python&from=2024-03-02&to=2024-03-01', 'to', 'query parameter "to" (2024-03-01) is before "from" (2024-03-02)'],
    ['/api/history?skill=python&from=2023-01-01&to=2024-03-01', 'to', 'the period 2023-01-01..2024-03-01 is 426 days; at most 366'],
  ];
  for (const [url, parameter, message] of cases) {
    const { status, body } = await get(url);
    assert.is(status, 400, url);
    assert.equal(body, { statusCode: 400, error: 'Bad Request', message, parameter }, url);
  }
});

api('history comes from the cold store; 503 when none is configured', async () => {
  historyCalls.length = 0;
  const { status, body } = await get('/api/history?skill=python&from=2024-01-01&to=2024-01-02&region=uk');
  assert.is(status, 200);
  assert.equal(body, { skill: 'python', region: 'uk', from: '2024-01-01', to: '2024-01-02', days: [{ date: '2024-01-01', count: 7 }, { date: '2024-01-02', count: 9 }] });
  assert.equal(historyCalls, [['python', '2024-01-01', '2024-01-02', 'uk']]);

  // Days the cold store does not list have no postings: the answer has every day of the period.
  const gap = await get('/api/history?skill=python&from=2023-12-31&to=2024-01-03');
  assert.equal(gap.body.days, [
    { date: '2023-12-31', count: 0 },
    { date: '2024-01-01', count: 7 },
    { date: '2024-01-02', count: 9 },
    { date: '2024-01-03', count: 0 },
  ]);

  // The real DuckDB query over an empty lake: wired, and zero everywhere.
  const lake = await dashboardFixture(14, { history: createColdQuery({ lakeDir: fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-dash-lake-')) }) });
  try {
    const response = await lake.app.inject({ url: '/api/history?skill=python&from=2024-01-01&to=2024-01-02&region=uk' });
    assert.is(response.statusCode, 200);
    assert.equal(response.json().days, [{ date: '2024-01-01', count: 0 }, { date: '2024-01-02', count: 0 }]);
  } finally {
    await lake.close();
  }

  const bare = await dashboardFixture(10);
  try {
    const response = await bare.app.inject({ url: '/api/history?skill=python&from=2024-01-01&to=2024-01-02' });
    assert.is(response.statusCode, 503);
    assert.equal(response.json(), { statusCode: 503, error: 'Service Unavailable', message: 'cold store not configured' });
  } finally {
    await bare.close();
  }
});

api('a Host header other than the bound host or loopback is refused (DNS rebinding)', async () => {
  const evil = await get('/api/catalog', { host: 'evil.example:8080' });
  assert.is(evil.status, 421);
  assert.is(evil.body.error, 'Misdirected Request');
  const page = await context.fixture.app.inject({ url: '/', headers: { host: 'rebind.attacker.test' } });
  assert.is(page.statusCode, 421);
  for (const host of ['localhost:8080', '127.0.0.1:41234', '[::1]:8080', 'LOCALHOST']) {
    assert.is((await get('/api/catalog', { host })).status, 200, host);
  }
});

api('the OpenAPI document describes the endpoints from the same schemas', async () => {
  const { status, body } = await get('/openapi.json');
  assert.is(status, 200);
  const paths = body.paths as Record<string, { get: { parameters?: Array<{ name: string; required?: boolean; schema: Record<string, unknown> }> } }>;
  assert.equal(Object.keys(paths).sort(), ['/api/catalog', '/api/health', '/api/heatmap', '/api/history', '/api/stream', '/api/trends/top', '/metrics']);
  const hours = paths['/api/trends/top']!.get.parameters!.find((parameter) => parameter.name === 'hours')!;
  assert.equal([hours.schema.minimum, hours.schema.maximum, hours.schema.default], [1, 168, 24]);
  const skill = paths['/api/heatmap']!.get.parameters!.find((parameter) => parameter.name === 'skill')!;
  assert.is(skill.required, true);
});

api('the page and its vendored scripts are served by the dashboard itself', async () => {
  const page = await context.fixture.app.inject({ url: '/' });
  assert.is(page.statusCode, 200);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  for (const file of ['uPlot.esm.js', 'uPlot.min.css', 'd3-array.mjs', 'd3-geo.mjs']) {
    assert.is((await context.fixture.app.inject({ url: `/vendor/${file}` })).statusCode, 200, file);
  }
  assert.is((await context.fixture.app.inject({ url: '/vendor/..%2Fpackage.json' })).statusCode, 404);
  const world = (await context.fixture.app.inject({ url: '/geo/world.json' })).json() as { features: Array<{ properties: { name: string; region: string | null } }> };
  const regionOf = (name: string) => world.features.find((country) => country.properties.name === name)?.properties.region;
  assert.equal([regionOf('United Kingdom'), regionOf('Germany'), regionOf('United States of America')], ['uk', 'de', 'us']);
});

api('options: a non-loopback host needs allowRemote; unknown options are refused', () => {
  assert.throws(() => validateDashboardOptions({ host: '0.0.0.0' }), (error: unknown) => error instanceof PulseError && /not a loopback address.*--allow-remote/.test(error.message));
  assert.is(validateDashboardOptions({ host: '0.0.0.0', allowRemote: true }).host, '0.0.0.0');
  assert.is(validateDashboardOptions({ host: '127.0.0.2' }).host, '127.0.0.2');
  assert.throws(() => validateDashboardOptions({ maxSseClients: 0 }), /maxSseClients must be a positive whole number, got 0/);
  assert.throws(() => validateDashboardOptions({ colour: 'red' } as never), /unknown dashboard option\(s\): colour/);
});

api.run();
