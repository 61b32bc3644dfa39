/**
 * The pipeline's own long-running commands (generator, processor, dashboard) started in the
 * background by `pulse start`, each with a pid file and a log file under PULSE_HOME/pipeline,
 * and stopped by `pulse down`.
 */
import path from 'node:path';
import { REPO_ROOT, type StackConfig } from '../core/config.ts';
import { pulseNodeArgs } from '../processor/runner/processor-node-flags.ts';
import { type ManagedProcess, readPid, startDetached, stopProcess } from './managed-process.ts';

export const PIPELINE_COMPONENTS = ['processor', 'dashboard', 'generator'] as const;
export type PipelineComponent = (typeof PIPELINE_COMPONENTS)[number];

export function pipelineProcess(config: StackConfig, component: PipelineComponent): ManagedProcess {
  const dir = path.join(config.homeDir, 'pipeline');
  return { name: component, pidFile: path.join(dir, `${component}.pid`), logFile: path.join(dir, `${component}.log`) };
}

/** Starts `pulse <args>` in the background unless it already runs; returns its pid and whether it started. */
export function startPipelineComponent(config: StackConfig, component: PipelineComponent, args: string[]): { pid: number; started: boolean } {
  const managed = pipelineProcess(config, component);
  const running = readPid(managed);
  if (running !== undefined) return { pid: running, started: false };
  const pid = startDetached(managed, process.execPath, pulseNodeArgs(args), REPO_ROOT);
  return { pid, started: true };
}

/** Stops the pipeline's commands, generator first so the processor drains what was produced. */
export async function stopPipeline(config: StackConfig): Promise<PipelineComponent[]> {
  const stopped: PipelineComponent[] = [];
  for (const component of ['generator', 'processor', 'dashboard'] as const) {
    if (await stopProcess(pipelineProcess(config, component), 20_000)) stopped.push(component);
  }
  return stopped;
}
