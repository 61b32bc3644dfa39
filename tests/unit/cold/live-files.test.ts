import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type DataFile, liveFiles } from '../../../sinks/parquet/live-files.ts';

function file(dir: string, kind: 'batch' | 'compacted', partition: number, first: number, last: number): DataFile {
  const name = `${kind === 'compacted' ? 'c-' : ''}p${partition}-${first}-${last}.parquet`;
  return { path: `${dir}/${name}`, dir, date: '2024-03-15', region: 'uk', kind, partition, first, last };
}

const names = (files: DataFile[]) => files.map((f) => f.path.split('/').slice(-2).join('/'));

test('without compacted files every file is live', () => {
  const files = [file('a', 'batch', 0, 0, 9), file('a', 'batch', 0, 10, 19), file('a', 'batch', 1, 0, 4)];
  assert.equal(liveFiles(files), files);
});

test('a compacted file hides exactly the files of its directory and partition inside its range', () => {
  const files = [
    file('a', 'batch', 0, 0, 9),
    file('a', 'batch', 0, 10, 19),
    file('a', 'compacted', 0, 0, 19),
    file('a', 'batch', 0, 20, 29), // after the range: a late row that landed after compaction
    file('a', 'batch', 1, 0, 9), // other Kafka partition
    file('b', 'batch', 0, 0, 9), // other directory (date/region)
  ];
  assert.equal(names(liveFiles(files)), ['a/c-p0-0-19.parquet', 'a/p0-20-29.parquet', 'a/p1-0-9.parquet', 'b/p0-0-9.parquet']);
});

test('a file only partly inside the range stays live', () => {
  const files = [file('a', 'compacted', 0, 10, 19), file('a', 'batch', 0, 15, 25)];
  assert.is(liveFiles(files).length, 2);
});

test('a larger compacted file hides an older compacted file it covers', () => {
  const files = [file('a', 'compacted', 0, 0, 19), file('a', 'batch', 0, 20, 29), file('a', 'compacted', 0, 0, 29)];
  assert.equal(names(liveFiles(files)), ['a/c-p0-0-29.parquet']);
});

test.run();
