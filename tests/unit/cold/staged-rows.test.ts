/**
 * A batch's staged lines may copy each description's raw JSON literal from the Kafka value. Whatever
 * the literal looks like, every line must decode (in JS and in DuckDB) to exactly the row, and any
 * literal that does not hold exactly the row's description must not be copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readStagedSql } from '../../../sinks/parquet/silver-schema.ts';
import { decodeStagedRow, encodeStagedRow, encodeStagedRows } from '../../../sinks/parquet/staged-row.ts';
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
  ['an empty description', '""'],
];

function lines(buffer: Buffer): string[] {
  return buffer.toString('utf8').split('\n').filter((line) => line.length > 0);
}

test('a copied literal decodes to exactly the row, and is copied byte for byte', () => {
  for (const [name, literal] of tricky) {
    const row = makeRow(0, 7, '2024-03-15T10:00:00Z', { description: JSON.parse(literal) as string });
    const [line] = lines(encodeStagedRows([row], [rawEvent(literal)]));
    assert.ok(line!.endsWith(`"description":${literal}}`), `${name}: the raw literal was not copied`);
    assert.equal(decodeStagedRow(line!), row, name);
  }
});

test('a literal that does not hold the row description is not copied', () => {
  const row = makeRow(0, 1, '2024-03-15T10:00:00Z', { description: 'repaired text' });
  const cases: Array<[string, Buffer | null]> = [
    ['repaired by the processor', rawEvent('"<b>repaired</b> text"')],
    ['spaces around the colon', Buffer.from('{"payload":{"description" : "repaired text"}}')],
    ['a nested key first', rawEvent('"repaired text"', '"meta":{"description":"other"},')],
    ['no description key', Buffer.from('{"payload":{"title":"repaired text"}}')],
    ['an unterminated literal', Buffer.from('{"payload":{"description":"repaired text')],
    ['no source', null],
  ];
  for (const [name, source] of cases) {
    const [line] = lines(encodeStagedRows([row], [source]));
    assert.equal(decodeStagedRow(line!), row, name);
    if (name !== 'a nested key first') assert.is(line, encodeStagedRow(row), name);
  }
});

test('rows with and without sources mix in one batch, in order', () => {
  const rows = [0, 1, 2].map((offset) => makeRow(1, offset, '2024-03-15T10:00:00Z', { description: `text ${offset} "q"` }));
  const sources = [rawEvent(JSON.stringify(rows[0]!.description)), null, rawEvent('"something else"')];
  assert.equal(lines(encodeStagedRows(rows, sources)).map(decodeStagedRow), rows);
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
