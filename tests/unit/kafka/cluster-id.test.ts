/** The KRaft cluster id the project formats its broker's log dir with. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newClusterId } from '../../../infra/kafka-broker.ts';

test('a cluster id is 16 bytes of base64url and never starts with "-" (the storage tool would read it as an option)', () => {
  const seen = new Set<string>();
  // One random id in 64 starts with "-": 5,000 draws would meet dozens.
  for (let i = 0; i < 5000; i++) {
    const id = newClusterId();
    assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    assert.is(Buffer.from(id, 'base64url').length, 16);
    seen.add(id);
  }
  assert.is(seen.size, 5000);
});

test.run();
