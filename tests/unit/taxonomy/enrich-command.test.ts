/** `pulse enrich` end to end: spawned as a real process, NDJSON on stdin, JSON lines on stdout. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../../core/config.ts';

const PULSE = path.join(REPO_ROOT, 'bin', 'pulse.js');

function event(id: string, payload: Record<string, unknown>): string {
  return JSON.stringify({
    event_id: `0b6c1f36-5c1e-4a57-9d0f-2c3b8f7a9e1${id}`, timestamp: '2024-03-15T10:30:00Z', source: 'linkedin_sim',
    payload: { job_id: `job-${id}`, title: 'Senior Data Engineer', company: 'Tech Corp', location: 'London, UK', description: 'We need Spark, Kafka, and Python …', ...payload },
  });
}

function runEnrich(stdin: string, ...args: string[]): { status: number | null; lines: any[]; stderr: string } {
  const result = spawnSync(process.execPath, [PULSE, 'enrich', ...args], { input: stdin, encoding: 'utf8', cwd: REPO_ROOT });
  const lines = result.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
  return { status: result.status, lines, stderr: result.stderr };
}

test('enriches valid events and reports bad lines with their line number, in order, going on', () => {
  const input = [
    event('1', { is_remote: true }),
    'this is not JSON',
    '',
    JSON.stringify({ event_id: 'nope', payload: {} }),
    event('2', { title: 'Junior Go Developer', description: '<p>Go, k8s &amp; Postgres</p>', location: 'Toronto, ON' }),
  ].join('\n');
  const { status, lines, stderr } = runEnrich(input);
  assert.is(status, 0);
  assert.is(lines.length, 4);
  assert.equal(lines[0], {
    event_id: '0b6c1f36-5c1e-4a57-9d0f-2c3b8f7a9e11', job_id: 'job-1', skills: ['spark', 'kafka', 'python'], region: 'uk',
    region_area: null, city: 'London', subdivision: null, is_remote: true, experience_level: 'senior', taxonomy_version: '1.0.0',
  });
  assert.is(lines[1].line, 2);
  assert.is(lines[1].error, 'INVALID_JSON');
  assert.is(lines[2].line, 4);
  assert.is(lines[2].error, 'CONTRACT_VIOLATION');
  assert.equal(lines[2].issues.map((issue: { field: string }) => issue.field).sort(), ['event_id', 'payload.company', 'payload.description', 'payload.job_id', 'payload.location', 'payload.title', 'source', 'timestamp']);
  assert.equal([lines[3].skills, lines[3].region, lines[3].subdivision, lines[3].is_remote, lines[3].experience_level], [['go', 'kubernetes', 'postgresql'], 'ca', 'Ontario', false, 'junior']);
  assert.is(stderr, 'pulse enrich: 2 enriched, 2 rejected, taxonomy 1.0.0\n');
});

test('--fail-on-reject exits 2 when a line was rejected', () => {
  assert.is(runEnrich('{}\n', '--fail-on-reject', '--quiet').status, 2);
  assert.is(runEnrich(`${event('3', {})}\n`, '--fail-on-reject', '--quiet').status, 0);
});

test('--help documents the input, the output and the error objects', () => {
  const help = spawnSync(process.execPath, [PULSE, 'enrich', '--help'], { encoding: 'utf8', cwd: REPO_ROOT }).stdout;
  for (const words of ['[file]', '--taxonomy', '--fail-on-reject', 'taxonomy_version', 'CONTRACT_VIOLATION', 'line number']) assert.ok(help.includes(words), words);
});

test.run();
