/** What a results file says about the machine and the software it measured. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../core/config.ts';
import { kafkaVersion } from '../../infra/kafka-runtime.ts';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  os: string;
  loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown CPU',
    cores: cpus.length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}

export function packageVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function versions(external: boolean): Record<string, string> {
  return {
    node: process.version,
    kafka: external ? `${kafkaVersion()} tools (external broker)` : kafkaVersion(),
    kafkajs: packageVersion('kafkajs'),
    '@confluentinc/kafka-javascript': packageVersion('@confluentinc/kafka-javascript'),
    '@platformatic/kafka': packageVersion('@platformatic/kafka'),
    ioredis: packageVersion('ioredis'),
  };
}
