import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../core/config.ts';
import { ERROR_CODES, PulseError } from '../../core/errors.ts';

test('every error code is documented in docs/errors.md with its retriable flag', () => {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'errors.md'), 'utf8');
  for (const [code, { retriable }] of Object.entries(ERROR_CODES)) {
    const row = new RegExp(`^\\| \`${code}\` \\| ${retriable ? 'yes' : 'no'} \\|`, 'm');
    assert.match(doc, row, `${code} is not documented as retriable=${retriable}`);
  }
});

test('a PulseError carries its code, retriable flag and cause', () => {
  const cause = new Error('socket closed');
  const error = new PulseError('SERVICE_UNREACHABLE', 'Redis did not answer', { cause });
  assert.is(error.code, 'SERVICE_UNREACHABLE');
  assert.is(error.retriable, true);
  assert.is(error.cause, cause);
  assert.is(new PulseError('CONTRACT_VIOLATION').message, 'an event does not satisfy the contract');
});

test.run();
