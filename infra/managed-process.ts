/**
 * A long-running server started in the background with a pid file and a log file, so that a later
 * `pulse down` or `pulse status` (another process) can find and stop it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../core/process-alive.ts';

export interface ManagedProcess {
  name: string;
  pidFile: string;
  logFile: string;
}

export function readPid(process_: ManagedProcess): number | undefined {
  try {
    const pid = Number(fs.readFileSync(process_.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function startDetached(process_: ManagedProcess, command: string, args: string[], cwd: string): number {
  fs.mkdirSync(path.dirname(process_.logFile), { recursive: true });
  const log = fs.openSync(process_.logFile, 'a');
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not spawn ${command}`);
  child.unref();
  fs.writeFileSync(process_.pidFile, `${child.pid}\n`);
  return child.pid;
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export async function stopProcess(process_: ManagedProcess, graceMs = 30_000): Promise<boolean> {
  const pid = readPid(process_);
  if (pid === undefined) {
    fs.rmSync(process_.pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  fs.rmSync(process_.pidFile, { force: true });
  return true;
}

export function tailOf(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
