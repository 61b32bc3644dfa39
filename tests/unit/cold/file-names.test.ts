import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileNames } from '../../../sinks/parquet/file-names.ts';

test('names are deterministic and parse back', () => {
  assert.is(fileNames.open(2, 100, '4242-a1b2c3'), 'p2-100~4242-a1b2c3.ndjson');
  assert.is(fileNames.sealed(2, 100, 250), 'p2-100-250.sealed');
  assert.is(fileNames.batch(2, 100, 250), 'p2-100-250.parquet');
  assert.is(fileNames.compacted(2, 100, 900), 'c-p2-100-900.parquet');
  assert.equal(fileNames.parse('p2-100~4242-a1b2c3.ndjson'), { kind: 'open', partition: 2, first: 100, last: undefined });
  // Open files of earlier versions had no owner in the name; a recovery still reads them.
  assert.equal(fileNames.parse('p2-100.ndjson'), { kind: 'open', partition: 2, first: 100, last: undefined });
  assert.equal(fileNames.parse('p2-100-250.sealed'), { kind: 'sealed', partition: 2, first: 100, last: 250 });
  assert.equal(fileNames.parse('p2-100-250.parquet'), { kind: 'batch', partition: 2, first: 100, last: 250 });
  assert.equal(fileNames.parse('c-p2-100-900.parquet'), { kind: 'compacted', partition: 2, first: 100, last: 900 });
});

test('foreign, temporary and inconsistent names are not data files', () => {
  for (const name of [
    'data_0.parquet',
    '.p2-100-250.parquet.tmp-123-abc',
    'p2-100.parquet',
    'p2-100-250.ndjson',
    'c-p2-100-250.sealed',
    'p2-250-100.parquet',
    'p-1-2.parquet',
    'p2.owner',
    'p2-100-250~4242-a1b2c3.sealed',
    'p2-100-250~4242-a1b2c3.parquet',
    'p2-100~.ndjson',
  ]) {
    assert.is(fileNames.parse(name), undefined, name);
  }
});

test('temporary names never match *.parquet', () => {
  const temp = fileNames.temp('p1-0-9.parquet');
  assert.ok(temp.startsWith('.p1-0-9.parquet.tmp-'));
  assert.not.ok(temp.endsWith('.parquet'));
});

test.run();
