import type { Command } from '@commander-js/extra-typings';
import { registerBench } from './bench.ts';
import { registerCompact } from './compact.ts';
import { registerDashboard } from './dashboard.ts';
import { registerDown } from './down.ts';
import { registerEnrich } from './enrich.ts';
import { registerEvalSkills } from './eval-skills.ts';
import { registerGenerate } from './generate.ts';
import { registerProcess } from './process.ts';
import { registerRebuildHot } from './rebuild-hot.ts';
import { registerReconcile } from './reconcile.ts';
import { registerSql } from './sql.ts';
import { registerStart } from './start.ts';
import { registerStatus } from './status.ts';
import { registerTest } from './test.ts';
import { registerUp } from './up.ts';

/** Every subcommand, in the order `pulse --help` lists them. */
export function registerCommands(program: Command): void {
  registerStart(program);
  registerUp(program);
  registerDown(program);
  registerStatus(program);
  registerGenerate(program);
  registerProcess(program);
  registerEnrich(program);
  registerEvalSkills(program);
  registerSql(program);
  registerReconcile(program);
  registerRebuildHot(program);
  registerCompact(program);
  registerTest(program);
  registerDashboard(program);
  registerBench(program);
}
