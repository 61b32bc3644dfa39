/**
 * A single-node Kafka broker in KRaft combined mode (broker + controller in one JVM) on 127.0.0.1,
 * with its data under the stack's home folder.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StackConfig } from '../core/config.ts';
import { PulseError } from '../core/errors.ts';
import { createKafkaClient } from '../core/kafka/create-kafka-client.ts';
import { waitUntil } from '../core/wait-until.ts';
import { ensureKafkaJars, kafkaClasspath } from './kafka-runtime.ts';
import { type ManagedProcess, readPid, startDetached, tailOf } from './managed-process.ts';
import { isPortOpen } from './tcp-probe.ts';

export function kafkaProcess(config: StackConfig): ManagedProcess {
  const dir = path.join(config.homeDir, 'kafka');
  return { name: 'kafka', pidFile: path.join(dir, 'kafka.pid'), logFile: path.join(dir, 'kafka.log') };
}

function serverProperties(config: StackConfig, dataDir: string): string {
  const { kafkaPort: port, kafkaControllerPort: controllerPort } = config;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    `num.partitions=${config.topicPartitions}`,
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Consumer groups of tests and tools start at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms=0',
    // Lets tests run members with short sessions, so a killed member is noticed in seconds.
    'group.min.session.timeout.ms=1000',
    'log.retention.hours=168',
    'log.segment.bytes=268435456',
    '',
  ].join('\n');
}

const LOG4J_PROPERTIES = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.server.KafkaRaftServer=INFO',
  '',
].join('\n');

/**
 * A KRaft cluster id: 16 random bytes in base64url, as Kafka makes them. Like Kafka's own
 * Uuid.randomUuid, never one that starts with '-': the storage tool's argument parser would read
 * it as an option and fail the format (one id in 64 did).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export async function isKafkaReady(brokers: readonly string[]): Promise<boolean> {
  const admin = createKafkaClient('kafkajs', { brokers, clientId: 'pulse-probe', quiet: true }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Starts the broker unless it already runs; returns true when it started one. */
export async function startKafka(config: StackConfig, log: (line: string) => void): Promise<boolean> {
  const managed = kafkaProcess(config);
  const brokers = [`127.0.0.1:${config.kafkaPort}`];
  if (readPid(managed) !== undefined) {
    await waitUntil('the running Kafka broker to answer', async () => ((await isKafkaReady(brokers)) ? true : undefined), { timeoutMs: 60_000, intervalMs: 250 });
    return false;
  }
  if (await isPortOpen(config.kafkaPort)) {
    throw new PulseError(
      'SERVICE_START_FAILED',
      `port ${config.kafkaPort} is taken by another program; set PULSE_KAFKA_PORT, or KAFKA_BROKERS to use that broker`,
    );
  }
  ensureKafkaJars(config.kafkaCacheDir, log);
  const dir = path.join(config.homeDir, 'kafka');
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const propertiesFile = path.join(dir, 'server.properties');
  fs.writeFileSync(propertiesFile, serverProperties(config, dataDir));
  const log4jFile = path.join(dir, 'log4j.properties');
  fs.writeFileSync(log4jFile, LOG4J_PROPERTIES);
  const classpath = kafkaClasspath(config.kafkaCacheDir);
  const jvmCommon = ['-Djava.awt.headless=true', `-Dlog4j.configuration=file:${log4jFile}`, `-Dkafka.logs.dir=${dir}`];

  if (!fs.existsSync(path.join(dataDir, 'meta.properties'))) {
    log(`formatting KRaft log dir ${dataDir}`);
    const format = spawnSync(
      'java',
      [...jvmCommon, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', propertiesFile, '--ignore-formatted'],
      { encoding: 'utf8' },
    );
    if (format.status !== 0) {
      throw new PulseError('SERVICE_START_FAILED', `formatting the KRaft log dir failed:\n${format.stdout}${format.stderr}`);
    }
  }

  log(`starting Kafka on 127.0.0.1:${config.kafkaPort} (log: ${managed.logFile})`);
  const heap = config.kafkaHeap;
  startDetached(
    managed,
    'java',
    [`-Xms${heap}`, `-Xmx${heap}`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', ...jvmCommon, '-cp', classpath, 'kafka.Kafka', propertiesFile],
    dir,
  );
  try {
    await waitUntil(
      'Kafka to answer',
      async () => {
        if (readPid(managed) === undefined) throw new Error('the broker process exited');
        return (await isKafkaReady(brokers)) ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
  } catch (error) {
    throw new PulseError(
      'SERVICE_START_FAILED',
      `Kafka did not start: ${(error as Error).message}\n--- ${managed.logFile} ---\n${tailOf(managed.logFile)}`,
    );
  }
  return true;
}
