/** How the project launches `pulse` commands: the processor with its Node flags, the others without. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../core/config.ts';
import { PROCESSOR_NODE_FLAGS, pulseNodeArgs } from '../../processor/runner/processor-node-flags.ts';

const entry = path.join(REPO_ROOT, 'bin', 'pulse.js');

test('`pulse process` gets the processor flags before the entry; the dashboard and generator get none', () => {
  assert.ok(PROCESSOR_NODE_FLAGS.length > 0);
  assert.equal(pulseNodeArgs(['process', '--id', 'p1']), [...PROCESSOR_NODE_FLAGS, entry, 'process', '--id', 'p1']);
  assert.equal(pulseNodeArgs(['dashboard']), [entry, 'dashboard']);
  assert.equal(pulseNodeArgs(['generate', 'live']), [entry, 'generate', 'live']);
});

test('this Node accepts the processor flags with the real entry', () => {
  const result = spawnSync(process.execPath, pulseNodeArgs(['process', '--help']), { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /Usage: pulse process/);
});

test.run();
