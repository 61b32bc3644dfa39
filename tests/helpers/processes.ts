/** Run `pulse` subcommands as child processes, as a user would, and stop or kill them. */
import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../../core/config.ts';
import { pulseNodeArgs } from '../../processor/runner/processor-node-flags.ts';

export interface RunningCommand {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
}

/** A `pulse process` gets the Node flags `pulse start` gives it. */
export function startPulse(args: string[], env: Record<string, string | undefined> = {}): RunningCommand {
  const child = spawn(process.execPath, pulseNodeArgs(args), {
    cwd: REPO_ROOT,
    env: { ...process.env, PULSE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => output, exited };
}

export async function stopGracefully(command: RunningCommand, timeoutMs = 30_000): Promise<number | string> {
  command.child.kill('SIGTERM');
  const timer = setTimeout(() => command.child.kill('SIGKILL'), timeoutMs);
  const result = await command.exited;
  clearTimeout(timer);
  return result;
}

export async function killHard(command: RunningCommand): Promise<void> {
  command.child.kill('SIGKILL');
  await command.exited;
}
