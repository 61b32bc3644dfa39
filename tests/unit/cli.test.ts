import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

function pulse(...args: string[]) {
  return spawnSync(process.execPath, ['bin/pulse.js', ...args], { encoding: 'utf8' });
}

function subcommands(): string[] {
  const help = pulse('--help').stdout;
  const section = help.split('Commands:')[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}([a-z][a-z-]*)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

test('`pulse --help` lists the platform commands', () => {
  const names = subcommands();
  for (const name of ['start', 'up', 'down', 'status', 'test']) assert.ok(names.includes(name), `${name} missing from ${names}`);
});

test('every subcommand has --help that exits 0 and shows its usage', () => {
  for (const name of subcommands()) {
    const result = pulse(name, '--help');
    assert.is(result.status, 0, `${name} --help exited ${result.status}: ${result.stderr}`);
    assert.match(result.stdout, new RegExp(`Usage: pulse ${name}`));
  }
});

test('an unknown command gives a clear error and a non-zero exit', () => {
  const result = pulse('frobnicate');
  assert.is(result.status, 1);
  assert.match(result.stderr, /unknown command 'frobnicate'/);
});

test('an unknown flag gives a clear error and a non-zero exit', () => {
  const result = pulse('status', '--bogus');
  assert.is(result.status, 1);
  assert.match(result.stderr, /unknown option '--bogus'/);
});

test.run();
