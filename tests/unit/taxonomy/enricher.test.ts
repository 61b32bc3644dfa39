import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPulseError } from '../../../core/errors.ts';
import { DEFAULT_TAXONOMY_FILE } from '../../../taxonomy/default-taxonomy-file.ts';
import { createEnricher } from '../../../taxonomy/enricher.ts';
import { loadTaxonomy } from '../../../taxonomy/load-taxonomy.ts';
import { reloadTaxonomy } from '../../../taxonomy/reload-taxonomy.ts';
import { watchTaxonomy } from '../../../taxonomy/watch-taxonomy.ts';
import { waitUntil } from '../../../core/wait-until.ts';

const SKILL_LINES = [
  '{"id":"python","name":"Python","category":"language","aliases":["python"]}',
  '{"id":"kafka","name":"Kafka","category":"data","aliases":["kafka"]}',
];

function writeTaxonomy(file: string, version: string, extra: string[] = []): void {
  fs.writeFileSync(file, [`{"taxonomy":"test","version":"${version}"}`, ...SKILL_LINES, ...extra].join('\n'));
}

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taxonomy-')), 'skills.jsonl');
}

test('enriches the design example', () => {
  const enricher = createEnricher();
  assert.is(enricher.taxonomyVersion, '1.0.0');
  assert.equal(
    enricher.enrich({ title: 'Senior Data Engineer', description: 'We need Spark, Kafka, and Python …', location: 'London, UK', is_remote: true }),
    { skills: ['spark', 'kafka', 'python'], region: 'uk', region_area: null, city: 'London', subdivision: null, is_remote: true, experience_level: 'senior' },
  );
});

test('skills come from the title then the description; is_remote comes from the text when the event omits it', () => {
  const enricher = createEnricher();
  const result = enricher.enrich({ title: 'Golang Developer', description: '<p>Kubernetes &amp; Postgres, Golang</p>', location: 'Remote - EU' });
  assert.equal(result, { skills: ['go', 'kubernetes', 'postgresql'], region: 'remote', region_area: 'EU', city: null, subdivision: null, is_remote: true, experience_level: 'unknown' });
  assert.is(enricher.enrich({ title: 'x', description: '', location: 'Remote', is_remote: false }).is_remote, false);
  assert.equal(enricher.enrich({ title: 'x', description: '', location: null }).region, 'unknown');
});

test('the compiled matcher is shared by every enricher of the process (broadcast)', () => {
  assert.is(loadTaxonomy(), loadTaxonomy(DEFAULT_TAXONOMY_FILE));
  assert.is(loadTaxonomy().matcher, loadTaxonomy().matcher);
  assert.is(reloadTaxonomy(), loadTaxonomy(), 'reloading unchanged content reuses the compiled taxonomy');
});

test('reloadTaxonomy picks up a new version; enrichers made before keep theirs', () => {
  const file = tempFile();
  writeTaxonomy(file, '1');
  const before = createEnricher({ taxonomyFile: file });
  writeTaxonomy(file, '2', ['{"id":"redis","name":"Redis","category":"database","aliases":["redis"]}']);
  assert.is(createEnricher({ taxonomyFile: file }).taxonomyVersion, '1', 'no reload yet: still the loaded version');
  const reloaded = reloadTaxonomy(file);
  assert.is(reloaded.version, '2');
  const after = createEnricher({ taxonomyFile: file });
  assert.is(after.taxonomyVersion, '2');
  assert.equal(before.enrich({ title: '', description: 'Python, Redis', location: null }).skills, ['python']);
  assert.equal(after.enrich({ title: '', description: 'Python, Redis', location: null }).skills, ['python', 'redis']);
  assert.is(createEnricher({ taxonomy: reloaded }).taxonomyVersion, '2');
});

test('an invalid new file is refused with TAXONOMY_INVALID and the current version stays', () => {
  const file = tempFile();
  writeTaxonomy(file, '1');
  loadTaxonomy(file);
  writeTaxonomy(file, '2', ['{"id":"python","name":"Again","category":"language","aliases":["py"]}']);
  try {
    reloadTaxonomy(file);
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.ok(isPulseError(error) && error.code === 'TAXONOMY_INVALID', String(error));
    assert.match((error as Error).message, 'line 4: duplicate id "python" (first defined on line 2)');
  }
  assert.is(loadTaxonomy(file).version, '1');
});

test('watchTaxonomy hands over each new version once', async () => {
  const file = tempFile();
  writeTaxonomy(file, '1');
  const seen: string[] = [];
  const watch = watchTaxonomy({ file, intervalMs: 20, onChange: (compiled) => seen.push(compiled.version) });
  try {
    const redis = ['{"id":"redis","name":"Redis","category":"database","aliases":["redis"]}'];
    // Write until the watcher reports: a write landing before its first poll would not count as a change.
    await waitUntil('the watcher to see version 2', () => {
      if (seen.length === 0) writeTaxonomy(file, '2', redis);
      return seen.length > 0 ? true : undefined;
    }, { timeoutMs: 5000, intervalMs: 30 });
    assert.equal(seen, ['2']);
    assert.is(loadTaxonomy(file).version, '2');
  } finally {
    watch.stop();
  }
});

test.run();
