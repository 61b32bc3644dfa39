import type { Command } from '@commander-js/extra-typings';
import { DEFAULT_SKILLSPAN_FILE } from '../../taxonomy/evaluation/default-skillspan-file.ts';
import { evaluateSkills } from '../../taxonomy/evaluation/evaluate-skills.ts';
import { formatSkillEvaluation } from '../../taxonomy/evaluation/format-skill-evaluation.ts';
import { DEFAULT_TAXONOMY_FILE } from '../../taxonomy/default-taxonomy-file.ts';
import { loadTaxonomy } from '../../taxonomy/load-taxonomy.ts';

const DETAILS = `
Groups the data set's sentences into postings, runs the skill extractor on each posting, maps every
human-labelled span to taxonomy ids and prints micro precision, recall and F1 over the skills the
taxonomy covers, with the worst false positives and negatives. Method: taxonomy/EVALUATION.md.
With --check the exit status is 1 when precision < 0.90 or F1 < 0.85 (the project's targets).`;

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`expected a whole number ≥ 1, got ${value}`);
  return number;
}

export function registerEvalSkills(program: Command): void {
  program
    .command('eval-skills')
    .description('Measure skill extraction against human labels (SkillSpan): precision, recall, F1')
    .option('--data <file>', 'SkillSpan CoNLL file', DEFAULT_SKILLSPAN_FILE)
    .option('--taxonomy <file>', 'skill taxonomy file', DEFAULT_TAXONOMY_FILE)
    .option('--top <n>', 'how many worst false positives/negatives to list', parsePositive, 15)
    .option('--json', 'print the result as JSON', false)
    .option('--check', 'exit 1 when precision < 0.90 or F1 < 0.85', false)
    .addHelpText('after', DETAILS)
    .action((options) => {
      const result = evaluateSkills({ matcher: loadTaxonomy(options.taxonomy).matcher, dataFile: options.data, top: options.top });
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatSkillEvaluation(result));
      if (options.check && (result.precision < 0.9 || result.f1 < 0.85)) process.exitCode = 1;
    });
}
