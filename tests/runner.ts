/**
 * The test command: type-check, bring up a real Kafka broker and Redis on free ports (or use the
 * ones in KAFKA_BROKERS / REDIS_URL), run every uvu test file in its own process, stop what it
 * started, and end with the line `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, loadStackConfig } from '../core/config.ts';
import { stackDown, stackUp } from '../infra/stack.ts';
import { findFreePort } from '../infra/tcp-probe.ts';

export interface TestRunOptions {
  /** Only files whose path contains one of these strings; all when empty. */
  filters: string[];
  typecheck: boolean;
}

interface FileResult {
  file: string;
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

const TEST_FOLDERS = ['tests/unit', 'tests/integration', 'tests/e2e'];

function findTestFiles(filters: readonly string[]): string[] {
  const files: string[] = [];
  for (const folder of TEST_FOLDERS) {
    const root = path.join(REPO_ROOT, folder);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.test.ts')) {
        files.push(path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)));
      }
    }
  }
  return files.filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter))).sort(
    (a, b) => TEST_FOLDERS.findIndex((f) => a.startsWith(f)) - TEST_FOLDERS.findIndex((f) => b.startsWith(f)) || a.localeCompare(b),
  );
}

function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal !== null ? 128 : 1), output }));
  });
}

/** Reads uvu's closing summary (Total / Passed / Skipped); a crash before it counts as one failure. */
export function parseUvuSummary(output: string, exitCode: number): { passed: number; failed: number; skipped: number } {
  // uvu colours its summary; strip the escape codes before reading numbers.
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  if (Number.isNaN(total) || Number.isNaN(passed)) return { passed: 0, failed: 1, skipped: 0 };
  const failed = total - passed - skipped;
  return { passed, failed: failed === 0 && exitCode !== 0 ? 1 : failed, skipped };
}

async function startTestStack(): Promise<{ env: NodeJS.ProcessEnv; stop: () => Promise<void> }> {
  if (process.env.KAFKA_BROKERS && process.env.REDIS_URL) {
    process.stdout.write(`using KAFKA_BROKERS=${process.env.KAFKA_BROKERS} REDIS_URL=${process.env.REDIS_URL}\n`);
    return { env: { ...process.env }, stop: async () => undefined };
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-test-'));
  const stackEnv = {
    PULSE_HOME: home,
    PULSE_KAFKA_PORT: String(await findFreePort()),
    PULSE_KAFKA_CONTROLLER_PORT: String(await findFreePort()),
    PULSE_REDIS_PORT: String(await findFreePort()),
    PULSE_KAFKA_HEAP: '768m',
  };
  const config = loadStackConfig({ ...process.env, ...stackEnv, KAFKA_BROKERS: undefined, REDIS_URL: undefined });
  const started = Date.now();
  const up = await stackUp(config, (line) => process.stdout.write(`test stack: ${line}\n`));
  process.stdout.write(`test stack ready in ${Date.now() - started} ms: Kafka ${up.brokers.join(',')} · Redis ${up.redisUrl}\n`);
  return {
    env: { ...process.env, ...stackEnv, KAFKA_BROKERS: up.brokers.join(','), REDIS_URL: up.redisUrl },
    stop: async () => {
      await stackDown(config);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function runTests(options: TestRunOptions): Promise<number> {
  const results: FileResult[] = [];
  const files = findTestFiles(options.filters);
  if (options.typecheck) {
    const started = Date.now();
    process.stdout.write('\n▶ typecheck (tsc --noEmit)\n');
    const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const { code } = await runChild(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], process.env);
    results.push({ file: 'typecheck', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, durationMs: Date.now() - started });
  }
  const stack = await startTestStack();
  try {
    for (const file of files) {
      const started = Date.now();
      process.stdout.write(`\n▶ ${file}\n`);
      const { code, output } = await runChild(process.execPath, ['--import', 'tsx', file], { ...stack.env, FORCE_COLOR: '0' });
      results.push({ file, ...parseUvuSummary(output, code), durationMs: Date.now() - started });
    }
  } finally {
    await stack.stop();
  }
  process.stdout.write('\nfile results:\n');
  for (const result of results) {
    const mark = result.failed > 0 ? 'FAIL' : 'ok  ';
    process.stdout.write(`  ${mark} ${result.file}  ${result.passed} passed, ${result.failed} failed  (${(result.durationMs / 1000).toFixed(1)} s)\n`);
  }
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
