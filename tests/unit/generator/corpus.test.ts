import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPulseError } from '../../../core/errors.ts';
import { readCorpus } from '../../../generator/corpus/read-corpus.ts';
import { writeCorpus } from '../../../generator/corpus/write-corpus.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import type { GeneratedRecord } from '../../../generator/generated-record.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-test-'));

async function readAll(file: string): Promise<GeneratedRecord[]> {
  const records: GeneratedRecord[] = [];
  for await (const record of readCorpus(file)) records.push(record);
  return records;
}

async function corpusError(file: string): Promise<string> {
  try {
    await readAll(file);
  } catch (error) {
    if (isPulseError(error)) return `${error.code}: ${error.message.replace(`${file}: `, '')}`;
    throw error;
  }
  return 'no error';
}

test('write then read gives back every record: raw keys and values, ids, chaos kinds, validity, event times', async () => {
  const file = path.join(dir, 'round-trip.tpc.gz');
  const rates = { non_json: 0.05, duplicate: 0.05, oversized: 0.002, missing_field: 0.05 };
  const written = [...createEventGenerator({ seed: 'corpus', count: 3_000, chaosRates: rates })];
  written.push({ index: 3_000, key: null, value: Buffer.from([0xff, 0x00, 0x7b]), chaos: ['non_json'], contractValid: false });
  const result = await writeCorpus(file, written, { purpose: 'test' });
  assert.is(result.records, 3_001);
  const read = await readAll(file);
  assert.is(read.length, written.length);
  for (const [index, original] of written.entries()) {
    const copy = read[index] as GeneratedRecord;
    assert.is(copy.index, index);
    assert.ok(copy.value.equals(original.value), `value of record ${index}`);
    assert.equal(copy.key, original.key);
    assert.is(copy.eventId, original.eventId);
    assert.equal(copy.chaos, original.chaos);
    assert.is(copy.contractValid, original.contractValid);
    assert.is(copy.eventTimeMs, original.eventTimeMs);
  }
  const header = await readCorpus(file).header();
  assert.is(header.format, 'talent-pulse/corpus@1');
  assert.is(header.purpose, 'test');
});

test('an empty corpus reads as no records', async () => {
  const file = path.join(dir, 'empty.tpc.gz');
  await writeCorpus(file, []);
  assert.equal(await readAll(file), []);
});

test('damaged files fail with CORPUS_INVALID saying what is wrong', async () => {
  const good = path.join(dir, 'good.tpc.gz');
  await writeCorpus(good, createEventGenerator({ seed: 'cut', count: 50, chaos: false }));
  const raw = gunzipSync(fs.readFileSync(good));

  const cut = path.join(dir, 'cut.tpc.gz');
  fs.writeFileSync(cut, gzipSync(raw.subarray(0, raw.length - 5)));
  assert.is(await corpusError(cut), 'CORPUS_INVALID: cut short after 50 records (no end frame)');

  const magic = path.join(dir, 'magic.tpc.gz');
  fs.writeFileSync(magic, gzipSync(Buffer.concat([Buffer.from('NOTACORP'), raw.subarray(8)])));
  assert.is(await corpusError(magic), 'CORPUS_INVALID: not a corpus file (bad magic)');

  const plain = path.join(dir, 'plain.txt');
  fs.writeFileSync(plain, 'hello');
  assert.match(await corpusError(plain), /^CORPUS_INVALID: cannot be read/);

  assert.is(await corpusError(path.join(dir, 'missing.tpc.gz')), 'CORPUS_INVALID: no such file');
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test.run();
