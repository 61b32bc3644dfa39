/** `pulse sql` and the dashboard's cold query over a real lake: formats, pruning, read-only, errors. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { createColdQuery } from '../../../sinks/query/create-cold-query.ts';
import { runSql } from '../../../sinks/query/run-sql.ts';
import { makeRows, tempLake } from './fixtures.ts';

const lake = tempLake();
const emptyLake = tempLake();

function pulseSql(...args: string[]) {
  return spawnSync(process.execPath, ['bin/pulse.js', 'sql', '--lake', lake, ...args], { encoding: 'utf8' });
}

test.before(async () => {
  const sink = createColdSink({ lakeDir: lake, maxStagedAgeMs: 3_600_000, rotateCheckIntervalMs: 60_000 });
  await sink.recover(0, -1);
  await sink.stage({
    partition: 0,
    firstOffset: 0,
    lastOffset: 9,
    rows: [
      ...makeRows(0, 0, 3, '2024-03-15T10:00:00Z', { skills: ['spark', 'kafka'] }),
      ...makeRows(0, 4, 5, '2024-03-15T12:00:00Z', { skills: ['rust'], region: 'de', is_remote: true }),
      ...makeRows(0, 6, 9, '2024-03-16T09:00:00Z', { skills: ['spark'] }),
    ],
  });
  await sink.close();
});

test.after(() => {
  fs.rmSync(lake, { recursive: true, force: true });
  fs.rmSync(emptyLake, { recursive: true, force: true });
});

test('table, CSV and JSON output', () => {
  const query = "SELECT region, count(*) AS postings FROM silver_job_postings GROUP BY ALL ORDER BY region";
  const table = pulseSql(query);
  assert.is(table.status, 0, table.stderr);
  assert.is(table.stdout, 'region | postings\n-------+---------\nde     | 2\nuk     | 8\n(2 rows)\n');
  const csv = pulseSql('--format', 'csv', query);
  assert.is(csv.stdout, 'region,postings\r\nde,2\r\nuk,8\r\n');
  const json = pulseSql('--format', 'json', query);
  assert.equal(JSON.parse(json.stdout), [{ region: 'de', postings: 2 }, { region: 'uk', postings: 8 }]);
});

test('partition pruning on date and region: EXPLAIN scans 1 of 3 files', async () => {
  const plan = await runSql(lake, "EXPLAIN SELECT count(*) FROM silver_job_postings WHERE date = DATE '2024-03-15' AND region = 'uk'");
  const text = plan.rows.map((row) => row.join('\n')).join('\n');
  assert.match(text, /Scanning Files: 1\/3/);
  assert.match(text, /File Filters:/);
});

test('an empty lake gives an empty result, not an error', async () => {
  const result = await runSql(emptyLake, 'SELECT skill, count(*) FROM (SELECT unnest(skills) AS skill FROM silver_job_postings) GROUP BY ALL');
  assert.equal(result, { columns: ['skill', 'count_star()'], rows: [] });
});

test('read-only: anything but one SELECT fails with SQL_ERROR and exit 1, no stack trace', () => {
  const cases: Array<[string, RegExp]> = [
    ['SELECT * FROM nope', /Table with name nope does not exist/],
    ["COPY (SELECT 1) TO '/tmp/pulse-sql-escape.csv'", /SQL_ERROR/],
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error/],
    ['SELECT 1; SELECT 2', /exactly one statement, got 2/],
    ['CREATE TABLE t AS SELECT 1', /only a SELECT/],
    ["SET enable_external_access = true", /SQL_ERROR/],
    ["INSTALL httpfs", /SQL_ERROR/],
  ];
  for (const [query, message] of cases) {
    const result = pulseSql(query);
    assert.is(result.status, 1, query);
    assert.match(result.stderr, /^pulse: SQL_ERROR: /, query);
    assert.match(result.stderr, message, query);
    assert.not.match(result.stderr, /\n\s+at /, `stack trace for ${query}`);
  }
  assert.not.ok(fs.existsSync('/tmp/pulse-sql-escape.csv'));
});

test('cold query: daily counts of a skill, per region or all', async () => {
  const cold = createColdQuery({ lakeDir: lake });
  assert.equal(await cold.dailyCounts('spark', '2024-03-15', '2024-03-16'), [
    { date: '2024-03-15', count: 4 },
    { date: '2024-03-16', count: 4 },
  ]);
  assert.equal(await cold.dailyCounts('rust', '2024-03-01', '2024-03-31', 'de'), [{ date: '2024-03-15', count: 2 }]);
  assert.equal(await cold.dailyCounts('rust', '2024-03-01', '2024-03-31', 'uk'), []);
  assert.equal(await createColdQuery({ lakeDir: emptyLake }).dailyCounts('spark', '2024-03-15', '2024-03-16'), []);
});

test.run();
