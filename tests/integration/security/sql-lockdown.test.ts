/**
 * Every way SQL reaches the lake is locked down: 50 escape attempts through the shared query path
 * (`runSql`, what `pulse sql` runs), a handful through the `pulse sql` CLI, the same attacks
 * against the bare connection with the gate bypassed (the second layer holds on its own), hostile
 * parameters through the dashboard's history query, and reconcile's reads. Each asserts the exact
 * refusal, and that nothing appeared in, or was read from, a directory outside the lake.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPulseError } from '../../../core/errors.ts';
import { createColdSink } from '../../../sinks/parquet/cold-sink.ts';
import { createColdQuery } from '../../../sinks/query/create-cold-query.ts';
import { emptyDatabaseFile } from '../../../sinks/query/empty-database-file.ts';
import { openLakeDatabase } from '../../../sinks/query/open-lake-database.ts';
import { reconcile } from '../../../sinks/query/reconcile.ts';
import { runSql } from '../../../sinks/query/run-sql.ts';
import { freshRedisDb } from '../../helpers/redis.ts';
import { makeRows, tempLake } from '../cold/fixtures.ts';

const lake = tempLake();
/** Outside the lake: targets of writes, and files holding a secret that must never be read. */
const watched = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-watched-'));
const SECRET = 'secret-7f3a91';
const silver = path.join(lake, 'silver_job_postings');
const GATE = 'only a SELECT (or EXPLAIN of a SELECT) statement is allowed; got';
const DISABLED = 'file system operations are disabled by configuration';
const denied = (file: string) => `Permission Error: Cannot access file "${file}" - ${DISABLED}`;

/** Every file under `dir`, relative, sorted. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

let watchedBefore: string[];
let lakeBefore: string[];

test.before(async () => {
  const sink = createColdSink({ lakeDir: lake, maxStagedAgeMs: 3_600_000, rotateCheckIntervalMs: 60_000 });
  await sink.recover(0, -1);
  await sink.stage({
    partition: 0,
    firstOffset: 0,
    lastOffset: 9,
    rows: [
      ...makeRows(0, 0, 3, '2024-03-15T10:00:00Z', { skills: ['spark', 'kafka'] }),
      ...makeRows(0, 4, 5, '2024-03-15T12:00:00Z', { skills: ['rust'], region: 'de' }),
      ...makeRows(0, 6, 9, '2024-03-16T09:00:00Z', { skills: ['spark'] }),
    ],
  });
  await sink.close();
  fs.writeFileSync(path.join(watched, 'secret.csv'), `token\n${SECRET}\n`);
  // A Parquet file outside the lake, and one in a sibling of the table's directory (prefix trick).
  const writer = await DuckDBInstance.create(':memory:');
  const connection = await writer.connect();
  await connection.run(`COPY (SELECT '${SECRET}' AS token) TO '${path.join(watched, 'outside.parquet')}'`);
  fs.mkdirSync(`${silver}_x`);
  await connection.run(`COPY (SELECT '${SECRET}' AS token) TO '${silver}_x/sibling.parquet'`);
  connection.closeSync();
  writer.closeSync();
  fs.mkdirSync(path.join(lake, '_staging'), { recursive: true });
  fs.writeFileSync(path.join(lake, '_staging', 'p9-0.ndjson'), `{"token":"${SECRET}"}\n`);
  watchedBefore = listing(watched);
  lakeBefore = listing(lake);
});

test.after(() => {
  fs.rmSync(lake, { recursive: true, force: true });
  fs.rmSync(watched, { recursive: true, force: true });
});

/** The first line of the SQL_ERROR a query fails with (DuckDB adds `LINE 1: …` context below it). */
async function refusal(sql: string): Promise<string> {
  try {
    const result = await runSql(lake, sql);
    throw new Error(`not refused: ${sql} → ${JSON.stringify(result)}`);
  } catch (error) {
    if (!isPulseError(error)) throw error;
    assert.is(error.code, 'SQL_ERROR', sql);
    assert.not.ok(error.message.includes(SECRET), `secret leaked by ${sql}`);
    return error.message.split('\n')[0]!;
  }
}

const w = (name: string) => path.join(watched, name);
const ESCAPES: Array<[sql: string, message: string]> = [
  // Writes
  ["INSERT INTO silver_job_postings (event_id) VALUES ('x')", `${GATE} INSERT`],
  ["UPDATE silver_job_postings SET region = 'x'", `${GATE} UPDATE`],
  ['DELETE FROM silver_job_postings', `${GATE} DELETE`],
  ['CREATE TABLE t AS SELECT 1', `${GATE} CREATE`],
  ['CREATE TEMP TABLE t (a INTEGER)', `${GATE} CREATE`],
  ['DROP VIEW silver_job_postings', `${GATE} DROP`],
  ['CREATE MACRO m(x) AS x + 1', `${GATE} CREATE`],
  ['CREATE TEMP MACRO m(x) AS x + 1', `${GATE} CREATE`],
  ["CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b')", `${GATE} CREATE`],
  ['SET VARIABLE x = 1', `${GATE} SET`],
  // Files in and out
  [`COPY (SELECT 1) TO '${w('out.csv')}'`, `${GATE} COPY`],
  [`COPY silver_job_postings TO '${w('dump.parquet')}' (FORMAT parquet)`, `${GATE} COPY`],
  [`COPY silver_job_postings FROM '${w('secret.csv')}'`, `${GATE} COPY`],
  [`EXPORT DATABASE '${w('export')}'`, `${GATE} EXPORT`],
  [`IMPORT DATABASE '${w('export')}'`, `${GATE} IMPORT`],
  // Other databases
  ["ATTACH ':memory:' AS m", `${GATE} ATTACH`],
  [`ATTACH '${w('x.duckdb')}' AS x`, `${GATE} ATTACH`],
  ['DETACH temp', `${GATE} DETACH`],
  ['USE temp', `${GATE} USE`],
  // Extensions
  ['INSTALL httpfs', `${GATE} INSTALL`],
  ['LOAD httpfs', `${GATE} LOAD`],
  ['FORCE INSTALL httpfs', `${GATE} FORCE`],
  ['UPDATE EXTENSIONS', `${GATE} UPDATE`],
  // Configuration
  ['SET enable_external_access = true', `${GATE} SET`],
  ["SET allowed_directories = ['/']", `${GATE} SET`],
  ['RESET lock_configuration', `${GATE} RESET`],
  ['PRAGMA enable_external_access = true', `${GATE} PRAGMA`],
  ['PRAGMA version', `${GATE} PRAGMA`],
  [`PRAGMA import_database('${w('export')}')`, `${GATE} PRAGMA`],
  ['CALL pragma_version()', `${GATE} CALL`],
  ['CHECKPOINT', `${GATE} CHECKPOINT`],
  ['VACUUM', `${GATE} VACUUM`],
  ['ANALYZE', `${GATE} ANALYZE`],
  // Reading outside the table's directory, in a SELECT the gate lets through
  ["SELECT * FROM read_csv('/etc/passwd')", denied('/etc/passwd')],
  ["SELECT * FROM read_text('/etc/hostname')", denied('/etc/hostname')],
  ["SELECT * FROM read_blob('/etc/hostname')", denied('/etc/hostname')],
  [`SELECT * FROM read_csv('${w('secret.csv')}')`, denied(w('secret.csv'))],
  [`SELECT * FROM '${w('secret.csv')}'`, denied(w('secret.csv'))],
  [`SELECT * FROM read_parquet('${w('outside.parquet')}')`, denied(w('outside.parquet'))],
  [`SELECT * FROM parquet_metadata('${w('outside.parquet')}')`, denied(w('outside.parquet'))],
  [`SELECT * FROM read_parquet('${silver}/../../${path.basename(watched)}/outside.parquet')`, denied(`${silver}/../../${path.basename(watched)}/outside.parquet`)],
  [`SELECT * FROM read_parquet('${silver}_x/sibling.parquet')`, denied(`${silver}_x/sibling.parquet`)],
  [`SELECT * FROM read_json('${lake}/_staging/p9-0.ndjson')`, denied(`${lake}/_staging/p9-0.ndjson`)],
  ["SELECT * FROM glob('/etc/*')", denied('/etc/*')],
  ["SELECT * FROM read_csv('https://example.com/x.csv')", denied('https://example.com/x.csv')],
  // Several statements, and statements hidden in a reading one
  ['SELECT 1; DROP VIEW silver_job_postings', 'expected exactly one statement, got 2'],
  [`SELECT 1 --\n; COPY (SELECT 1) TO '${w('c.csv')}'`, 'expected exactly one statement, got 2'],
  [`SELECT 1 /* ; */; COPY (SELECT 1) TO '${w('c.csv')}'`, 'expected exactly one statement, got 2'],
  [`/* SELECT */ COPY (SELECT 1) TO '${w('k.csv')}'`, `${GATE} COPY`],
  [`-- SELECT\nCOPY (SELECT 1) TO '${w('k.csv')}'`, `${GATE} COPY`],
  [`WITH x AS (COPY (SELECT 1) TO '${w('w.csv')}') SELECT 1`, 'Failed to extract statements: Parser Error: A CTE needs a SELECT'],
  [`SELECT * FROM query('COPY (SELECT 1) TO ''${w('q.csv')}''')`, 'Parser Error: Expected a single SELECT statement'],
  [`EXPLAIN ANALYZE COPY (SELECT 1) TO '${w('e.csv')}'`, `${GATE} EXPLAIN of COPY`],
  [`EXPLAIN (FORMAT json) COPY (SELECT 1) TO '${w('e.csv')}'`, `${GATE} EXPLAIN of COPY`],
  ['EXPLAIN ANALYZE CREATE TABLE z AS SELECT 1', `${GATE} EXPLAIN of CREATE`],
  ['EXPLAIN ANALYZE (SELECT 1); DROP VIEW silver_job_postings', 'expected exactly one statement, got 2'],
  ['PIVOT silver_job_postings ON region', 'expected exactly one statement, got 2'],
  ['', 'expected exactly one statement, got 0'],
  ['-- nothing but a comment', 'expected exactly one statement, got 0'],
  // Secrets and the environment
  ["SELECT getenv('HOME')", 'Catalog Error: Scalar Function with name getenv does not exist!'],
];

test(`${ESCAPES.length} escape attempts through the shared query path are refused, exactly`, async () => {
  const mismatches: string[] = [];
  for (const [sql, message] of ESCAPES) {
    const actual = await refusal(sql);
    if (actual !== message) mismatches.push(`${JSON.stringify(sql)}\n  expected: ${message}\n  actual:   ${actual}`);
  }
  assert.is(mismatches.join('\n'), '');
  assert.equal(listing(watched), watchedBefore);
  assert.equal(listing(lake), lakeBefore);
});

test('secrets are not listed: duckdb_secrets() is refused, not answered', async () => {
  const message = await refusal('SELECT * FROM duckdb_secrets()');
  assert.is(message, `Permission Error: Cannot access directory "${path.join(os.homedir(), '.duckdb', 'stored_secrets')}" - ${DISABLED}`);
});

test('legitimate SELECTs over the lake still answer, EXPLAIN ANALYZE of a SELECT included', async () => {
  assert.equal(await runSql(lake, 'SELECT region, count(*) AS postings FROM silver_job_postings GROUP BY ALL ORDER BY region'), {
    columns: ['region', 'postings'],
    rows: [['de', 2], ['uk', 8]],
  });
  assert.equal(await runSql(lake, "WITH s AS (SELECT unnest(skills) AS skill FROM silver_job_postings) SELECT skill, count(*)::INTEGER AS n FROM s GROUP BY ALL ORDER BY ALL"), {
    columns: ['skill', 'n'],
    rows: [['kafka', 4], ['rust', 2], ['spark', 8]],
  });
  assert.equal(await runSql(lake, `SELECT count(*) AS files FROM glob('${silver}/*/*/*.parquet')`), { columns: ['files'], rows: [[3]] });
  assert.equal((await runSql(lake, '(SELECT 42 AS answer)')).rows, [[42]]);
  assert.equal((await runSql(lake, 'EXPLAIN ANALYZE SELECT count(*) FROM silver_job_postings')).rows[0]![0], 'analyzed_plan');
  assert.equal((await runSql(lake, '/* a note */ EXPLAIN (FORMAT json) SELECT 1')).rows[0]![0], 'physical_plan');
});

test('the connection is locked down as documented', async () => {
  // DuckDB itself adds its own files (the empty database file, its WAL, its spill directory).
  const own = await emptyDatabaseFile();
  const settings = await runSql(
    lake,
    "SELECT name, value FROM duckdb_settings() WHERE name IN ('access_mode', 'enable_external_access', 'lock_configuration', 'allowed_directories', 'allowed_paths', 'autoinstall_known_extensions', 'autoload_known_extensions', 'allow_community_extensions', 'allow_unsigned_extensions') ORDER BY name",
  );
  // The two lists are sets (their order varies from run to run): compared sorted.
  const rows = settings.rows.map(([name, value]) => [name, name === 'allowed_directories' || name === 'allowed_paths' ? String(value).slice(1, -1).split(', ').sort() : value]);
  assert.equal(rows, [
    ['access_mode', 'read_only'],
    ['allow_community_extensions', 'false'],
    ['allow_unsigned_extensions', 'false'],
    ['allowed_directories', [`${own}.tmp/`, `${silver}/`].sort()],
    ['allowed_paths', [own, `${own}.wal`, `${own}.wal.checkpoint`, `${own}.wal.recovery`]],
    ['autoinstall_known_extensions', 'false'],
    ['autoload_known_extensions', 'false'],
    ['enable_external_access', 'false'],
    ['lock_configuration', 'true'],
  ]);
});

test('with the gate bypassed, the bare connection still refuses: the second layer holds on its own', async () => {
  const database = await openLakeDatabase(lake);
  const attempts: Array<[string, string]> = [
    [`COPY (SELECT 1) TO '${w('raw.csv')}'`, denied(w('raw.csv'))],
    [`EXPORT DATABASE '${w('raw-export')}'`, `Permission Error: Cannot access directory "${w('raw-export')}" - ${DISABLED}`],
    [`ATTACH '${w('raw.duckdb')}' AS raw`, denied(w('raw.duckdb'))],
    ["ATTACH ':memory:' AS m", 'Catalog Error: Cannot launch in-memory database in read-only mode!'],
    ['CREATE TABLE main.t (a INTEGER)', 'Invalid Input Error: Cannot execute statement of type "CREATE" on database "empty" which is attached in read-only mode!'],
    ['LOAD httpfs', 'Permission Error: Loading external extensions is disabled through configuration'],
    ['SET enable_external_access = true', 'Invalid Input Error: Cannot change configuration option "enable_external_access" - the configuration has been locked'],
    ["SET allowed_directories = ['/']", 'Invalid Input Error: Cannot change configuration option "allowed_directories" - the configuration has been locked'],
    ['RESET lock_configuration', 'Invalid Input Error: Cannot change configuration option "lock_configuration" - the configuration has been locked'],
    ["SET temp_directory = '/tmp'", 'Invalid Input Error: Cannot change configuration option "temp_directory" - the configuration has been locked'],
    [`PRAGMA import_database('${w('export')}')`, `Permission Error: Cannot access file "${w('export')}/schema.sql" - ${DISABLED}`],
    [`SELECT * FROM read_csv('${w('secret.csv')}')`, denied(w('secret.csv'))],
  ];
  const mismatches: string[] = [];
  try {
    for (const [sql, message] of attempts) {
      const actual = await database.connection.run(sql).then(
        () => 'not refused',
        (error: Error) => error.message.split('\n')[0],
      );
      if (actual !== message) mismatches.push(`${JSON.stringify(sql)}\n  expected: ${message}\n  actual:   ${actual}`);
    }
  } finally {
    database.close();
  }
  assert.is(mismatches.join('\n'), '');
  assert.equal(listing(watched), watchedBefore);
});

test('pulse sql refuses the same way: SQL_ERROR with the refusal, exit 1, no stack trace, nothing written', () => {
  const cases: Array<[string, string]> = [
    [`COPY (SELECT 1) TO '${w('cli.csv')}'`, `${GATE} COPY`],
    ["ATTACH ':memory:' AS m", `${GATE} ATTACH`],
    ['SET enable_external_access = true', `${GATE} SET`],
    ["SELECT * FROM read_text('/etc/hostname')", denied('/etc/hostname')],
    [`SELECT 1;\nEXPORT DATABASE '${w('cli-export')}'`, 'expected exactly one statement, got 2'],
    [`EXPLAIN ANALYZE COPY (SELECT 1) TO '${w('cli-e.csv')}'`, `${GATE} EXPLAIN of COPY`],
  ];
  for (const [sql, message] of cases) {
    const result = spawnSync(process.execPath, ['bin/pulse.js', 'sql', '--lake', lake, '--', sql], { encoding: 'utf8' });
    assert.is(result.status, 1, sql);
    assert.is(result.stdout, '', sql);
    assert.is(result.stderr.split('\n')[0], `pulse: SQL_ERROR: ${message}`, sql);
    assert.not.match(result.stderr, /\n\s+at /, `stack trace for ${sql}`);
  }
  const ok = spawnSync(process.execPath, ['bin/pulse.js', 'sql', '--lake', lake, '--format', 'csv', 'SELECT count(*) AS n FROM silver_job_postings'], { encoding: 'utf8' });
  assert.is(ok.stdout, 'n\r\n10\r\n', ok.stderr);
  assert.equal(listing(watched), watchedBefore);
});

test("the dashboard's history query binds hostile skills and regions as values, never as SQL", async () => {
  const cold = createColdQuery({ lakeDir: lake });
  const hostile = [
    "spark') OR 1=1 --",
    `spark'; COPY (SELECT 1) TO '${w('h.csv')}'; --`,
    "x' UNION SELECT * FROM read_csv('/etc/passwd') --",
    '$skill',
  ];
  for (const skill of hostile) {
    assert.equal(await cold.dailyCounts(skill, '2024-03-01', '2024-03-31'), [], skill);
    assert.equal(await cold.dailyCounts('spark', '2024-03-01', '2024-03-31', skill), [], skill);
  }
  assert.equal(await cold.dailyCounts('spark', '2024-03-01', '2024-03-31', 'uk'), [
    { date: '2024-03-15', count: 4 },
    { date: '2024-03-16', count: 4 },
  ]);
  await cold.dailyCounts('spark', "2024-03-01'::DATE OR true --", '2024-03-31').then(
    () => assert.unreachable('a hostile date was accepted'),
    (error: Error) => assert.is(error.message, "fromDate=2024-03-01'::DATE OR true -- is not YYYY-MM-DD"),
  );
  assert.equal(listing(watched), watchedBefore);
});

test("pulse reconcile's reads go through the same gate and answer exactly", async () => {
  const { redis } = await freshRedisDb(15);
  try {
    const report = await reconcile({ lakeDir: lake, redis, range: { fromMs: Date.UTC(2024, 2, 15, 0), toMs: Date.UTC(2024, 2, 16, 23) }, keyPrefix: `sec-${process.pid}:` });
    assert.is(report.coldRows, 10);
    assert.equal(report.differences, [
      { skill: 'kafka', region: 'uk', hour: '2024-03-15-10', cold: 4, hot: 0 },
      { skill: 'rust', region: 'de', hour: '2024-03-15-12', cold: 2, hot: 0 },
      { skill: 'spark', region: 'uk', hour: '2024-03-15-10', cold: 4, hot: 0 },
      { skill: 'spark', region: 'uk', hour: '2024-03-16-09', cold: 4, hot: 0 },
    ]);
  } finally {
    redis.disconnect();
  }
});

test.run();
