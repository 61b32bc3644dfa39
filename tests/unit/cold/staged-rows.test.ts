/**
 * A batch's staged lines may copy each description's raw JSON literal from the Kafka value. Whatever
 * the literal looks like, every line must decode (in JS and in DuckDB) to exactly the row; a literal
 * that cannot be told for certain to be payload.description is not copied; processBatch offers
 * the value only when the row's description is the one JSON.parse read from it (nothing repaired);
 * and an encoder reused from batch to batch (as the cold sink reuses one per partition) encodes
 * each batch as a fresh one would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readStagedSql } from '../../../sinks/parquet/silver-schema.ts';
import { StagedLineEncoder, decodeStagedRow, encodeStagedRow, encodeStagedRows } from '../../../sinks/parquet/staged-row.ts';
import { PROCESS_OPTIONS } from '../../../benchmarks/pipeline/cpu-path.ts';
import { newPartitionState } from '../../../processor/runner/partition-state.ts';
import { processBatch } from '../../../processor/runner/process-batch.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { makeRow, tempLake } from '../../integration/cold/fixtures.ts';

/** An event's raw bytes as a producer might write them, with `literal` as the description's JSON text. */
function rawEvent(literal: string, before = ''): Buffer {
  return Buffer.from(`{"event_id":"e","payload":{"title":"t",${before}"description":${literal},"location":"x"}}`);
}

const tricky: Array<[string, string]> = [
  ['escaped quotes and backslashes', String.raw`"a \"quoted\" word, a backslash \\ and \\\" mixed"`],
  ['a backslash right before the closing quote', String.raw`"ends with a backslash \\"`],
  ['unicode escapes and raw UTF-8', String.raw`"caf\u00e9 and café, emoji \ud83d\ude80 and 🚀, slash \/"`],
  ['control escapes', String.raw`"line\nbreak\ttab\r\u0000nul"`],
  ['raw UTF-8 and short escapes', String.raw`"café 🚀 line\nbreak\ttab\r slash \/ \b\f"`],
  ['an empty description', '""'],
];

function lines(buffer: Buffer): string[] {
  return buffer.toString('utf8').split('\n').filter((line) => line.length > 0);
}

test('a literal is copied byte for byte, escapes and all, and the line decodes to exactly the row', () => {
  for (const [name, literal] of tricky) {
    const row = makeRow(0, 7, '2024-03-15T10:00:00Z', { description: JSON.parse(literal) as string });
    const [line] = lines(encodeStagedRows([row], [rawEvent(literal)]));
    assert.ok(line!.endsWith(`"description":${literal}}`), `${name}: the raw literal was not copied`);
    assert.equal(decodeStagedRow(line!), row, name);
  }
});

test('head fields JSON must escape (quotes, backslashes, controls, surrogates) read back exactly, as JSON.stringify writes them', () => {
  const awkward = ['say "hi"', 'C:\\path\\x', 'tab\there\nline', 'nul\u0000', 'lone \ud800 high', 'pair 🚀 ok', 'plain', 'é – €'];
  awkward.forEach((value, index) => {
    const row = makeRow(0, index, '2024-03-15T10:00:00Z', { title: value, company: value, location: value, city: value, source: value, skills: ['c++', 'c#', '.net', 'node.js', 'ci-cd', value] });
    const [line] = lines(encodeStagedRows([row]));
    assert.equal(decodeStagedRow(line!), row, JSON.stringify(value));
    assert.ok(line!.includes(`"title":${JSON.stringify(value)},`), `title ${JSON.stringify(value)} not written as JSON.stringify writes it`);
    assert.ok(line!.includes(`"skills":${JSON.stringify(row.skills)},`), `skills ${JSON.stringify(row.skills)} not written as JSON.stringify writes them`);
  });
});

test('a literal that cannot be told for certain to be payload.description is not copied', () => {
  const row = makeRow(0, 1, '2024-03-15T10:00:00Z', { description: 'the text' });
  const cases: Array<[string, Buffer | null]> = [
    ['spaces around the colon', Buffer.from('{"payload":{"description" : "the text"}}')],
    ['a nested key first', rawEvent('"the text"', '"meta":{"description":"other"},')],
    ['a second key spelled with an escape', Buffer.from(String.raw`{"payload":{"description":"other","descr\u0069ption":"the text"}}`)],
    ['a key spelled with an escape before', Buffer.from(String.raw`{"payload":{"descr\u0069ption":"the text"},"meta":{"description":"other"}}`)],
    ['a second key', Buffer.from('{"payload":{"description":"other","description":"the text"}}')],
    ['a value "description"', rawEvent('"the text"', '"kind":"description",')],
    ['no description key', Buffer.from('{"payload":{"title":"the text"}}')],
    ['an unterminated literal', Buffer.from('{"payload":{"description":"the text')],
    ['no source', null],
  ];
  for (const [name, source] of cases) {
    const [line] = lines(encodeStagedRows([row], [source]));
    assert.equal(decodeStagedRow(line!), row, name);
    assert.is(line, encodeStagedRow(row), name);
  }
});

test('a "description" inside another string is not taken for the key', () => {
  const row = makeRow(0, 1, '2024-03-15T10:00:00Z', { description: 'the text' });
  const source = Buffer.from(String.raw`{"x\"description":"no","payload":{"title":"say \"description\":\"no","description":"the text"}}`);
  const [line] = lines(encodeStagedRows([row], [source]));
  assert.ok(line!.endsWith('"description":"the text"}'), line);
  assert.equal(decodeStagedRow(line!), row);
});

test('processBatch offers the Kafka value only for a description JSON.parse read verbatim', () => {
  const event = (description: string, id: number) =>
    Buffer.from(
      JSON.stringify({
        event_id: `6f1c2b1e-8d2a-4c1e-9a53-2f5b7c9d0e1${id}`,
        timestamp: '2024-03-15T10:00:00Z',
        source: 'test',
        payload: { job_id: 'j', title: 'Data Engineer', company: 'Acme', location: 'Berlin', description, is_remote: false },
      }),
    );
  const values = [event('Python and SQL.\nKafka "streams".', 1), event('<p>Python</p> and SQL', 2), event('  Python and SQL  ', 3)];
  const messages = values.map((value, offset) => ({ offset: String(offset), key: null, value, headers: {}, timestamp: String(Date.parse('2024-03-15T10:00:00Z')) }));
  const outcome = processBatch(newPartitionState(0, 3_600_000), messages, createEnricher(), PROCESS_OPTIONS, Date.now());
  assert.is(outcome.rows.length, 3);
  assert.equal(outcome.rowSources, [values[0], null, null]);
  // The verbatim row leaves its description in the value; the repaired ones keep theirs.
  assert.equal(
    outcome.rows.map((row) => row.description),
    [undefined, 'Python and SQL', 'Python and SQL'],
  );
  const expected = outcome.rows.map((row) => ({ ...row, description: row.description ?? 'Python and SQL.\nKafka "streams".' }));
  assert.equal(lines(encodeStagedRows(outcome.rows, outcome.rowSources)).map(decodeStagedRow), expected);
});

test('a row without a description whose literal cannot be located reads it back from its value', () => {
  const { description: _, ...rest } = makeRow(0, 3, '2024-03-15T10:00:00Z');
  const row = { ...rest, description: undefined };
  // A \u escape outside the literal: the literal is not copied, the description is parsed again.
  const source = Buffer.from(String.raw`{"event_id":"e","payload":{"title":"caf\u00e9","description":"the \"text\"","location":"x"}}`);
  const [line] = lines(encodeStagedRows([row], [source]));
  assert.equal(decodeStagedRow(line!), { ...rest, description: 'the "text"' });
  assert.is(line, encodeStagedRow({ ...rest, description: 'the "text"' }));
  assert.throws(() => encodeStagedRows([row], [null]), /no description and no Kafka value/);
});

test('rows with and without sources mix in one batch, in order', () => {
  const rows = [0, 1, 2].map((offset) => makeRow(1, offset, '2024-03-15T10:00:00Z', { description: `text ${offset} "q"` }));
  const sources = [rawEvent(JSON.stringify(rows[0]!.description)), null, rawEvent(JSON.stringify(rows[2]!.description), '"description":"twice",')];
  assert.equal(lines(encodeStagedRows(rows, sources)).map(decodeStagedRow), rows);
});

test('an encoder reused across batches, growing on the way, encodes each batch as a fresh one', () => {
  const encoder = new StagedLineEncoder();
  for (const size of [1, 3, 2000, 5, 0, 40]) {
    const rows = Array.from({ length: size }, (_, offset) => makeRow(2, offset, '2024-03-15T10:00:00Z', { description: `text ${offset} café ${'x'.repeat(offset % 97)}` }));
    const sources = rows.map((row, offset) => (offset % 3 === 0 ? null : rawEvent(JSON.stringify(row.description))));
    const reused = encoder.encode(rows, sources);
    assert.ok(reused.equals(encodeStagedRows(rows, sources)), `batch of ${size}`);
    assert.equal(lines(reused).map(decodeStagedRow), rows, `batch of ${size}`);
  }
});

test('DuckDB reads copied literals as the same text as JSON.parse', async () => {
  const rows = tricky.map(([, literal], index) => makeRow(0, index, '2024-03-15T10:00:00Z', { description: JSON.parse(literal) as string }));
  const dir = tempLake();
  const file = path.join(dir, 'p0-0-9.sealed');
  fs.writeFileSync(file, encodeStagedRows(rows, tricky.map(([, literal]) => rawEvent(literal))));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const read = (await connection.runAndReadAll(`SELECT description FROM ${readStagedSql([file])} ORDER BY kafka_offset`)).getRowObjectsJS();
    assert.equal(
      read.map((row) => row.description),
      rows.map((row) => row.description),
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true });
  }
});

test.run();
