import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ensureTopics } from '../../../infra/topics.ts';
import { deleteTestTopic, testKafkaClient } from '../../helpers/kafka.ts';
import { uniqueName } from '../../helpers/services.ts';

function pulse(...args: string[]) {
  return spawnSync(process.execPath, ['bin/pulse.js', ...args], { encoding: 'utf8', env: process.env });
}

test('topic creation is idempotent: the second call creates nothing and keeps the partitions', async () => {
  const topic = uniqueName('idempotent');
  const client = testKafkaClient();
  try {
    const specs = [{ topic, numPartitions: 3 }];
    assert.equal(await ensureTopics(client, specs), [topic]);
    assert.equal(await ensureTopics(client, specs), []);
    const admin = client.admin();
    await admin.connect();
    assert.is(await admin.partitionCount(topic), 3);
    await admin.disconnect();
  } finally {
    await deleteTestTopic(topic);
  }
});

test('the pipeline topics exist: job.postings.v1 with 3 partitions and its DLQ', async () => {
  const admin = testKafkaClient().admin();
  await admin.connect();
  try {
    assert.is(await admin.partitionCount('job.postings.v1'), 3);
    assert.is(await admin.partitionCount('job.postings.v1.dlq'), 1);
  } finally {
    await admin.disconnect();
  }
});

test('`pulse up` against running servers starts nothing and creates nothing', () => {
  const result = pulse('up');
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /already running/);
  assert.not.match(result.stdout, /created topics/);
});

test('`pulse status --json` reports both servers answering', () => {
  const result = pulse('status', '--json');
  assert.is(result.status, 0, result.stderr);
  const services = JSON.parse(result.stdout) as Array<{ name: string; answering: boolean }>;
  assert.equal(services.map((service) => [service.name, service.answering]), [['kafka', true], ['redis', true]]);
});

test('`pulse status` exits 1 and says so when nothing answers', () => {
  const result = spawnSync(process.execPath, ['bin/pulse.js', 'status'], {
    encoding: 'utf8',
    env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:1', REDIS_URL: 'redis://127.0.0.1:1' },
  });
  assert.is(result.status, 1);
  assert.match(result.stdout, /kafka\s+not answering/);
  assert.match(result.stdout, /redis\s+not answering/);
});

test('a bad environment value fails with a message naming it', () => {
  const result = spawnSync(process.execPath, ['bin/pulse.js', 'status'], {
    encoding: 'utf8',
    env: { ...process.env, KAFKA_BROKERS: 'no-port-here' },
  });
  assert.is(result.status, 1);
  assert.match(result.stderr, /CONFIG_INVALID: KAFKA_BROKERS entry "no-port-here" is not host:port/);
});

test.run();
