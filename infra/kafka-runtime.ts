/**
 * The Kafka broker's jars, resolved from Maven Central by `infra/kafka/pom.xml` into a git-ignored
 * cache. Resolved once per Kafka version; later calls only check the cache.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../core/config.ts';
import { PulseError } from '../core/errors.ts';
import { requireJavaAndMaven } from './prerequisites.ts';

export const KAFKA_POM = path.join(REPO_ROOT, 'infra', 'kafka', 'pom.xml');

export function kafkaVersion(): string {
  const pom = fs.readFileSync(KAFKA_POM, 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (version === undefined) throw new PulseError('INTERNAL', `no <kafka.version> in ${KAFKA_POM}`);
  return version;
}

export function kafkaLibsDir(cacheDir: string): string {
  return path.join(cacheDir, kafkaVersion(), 'libs');
}

/** Java class path of the broker and its tools. */
export function kafkaClasspath(cacheDir: string): string {
  return `${kafkaLibsDir(cacheDir)}/*`;
}

export function ensureKafkaJars(cacheDir: string, log: (line: string) => void): string {
  const libs = kafkaLibsDir(cacheDir);
  const marker = path.join(libs, '.complete');
  if (fs.existsSync(marker)) return libs;
  requireJavaAndMaven();
  log(`resolving Apache Kafka ${kafkaVersion()} from Maven Central (once) into ${libs}`);
  const staging = `${libs}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', KAFKA_POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${staging}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) {
    throw new PulseError('SERVICE_START_FAILED', `mvn could not resolve the Kafka jars (exit ${result.status}); see its output above`);
  }
  fs.writeFileSync(path.join(staging, '.complete'), `${kafkaVersion()}\n`);
  fs.rmSync(libs, { recursive: true, force: true });
  fs.renameSync(staging, libs);
  return libs;
}
