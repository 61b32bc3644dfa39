import fs from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { PulseError } from '../../core/errors.ts';
import { DEFAULT_TAXONOMY_FILE } from '../../taxonomy/default-taxonomy-file.ts';
import { createEnricher } from '../../taxonomy/enricher.ts';
import { enrichLines } from '../../taxonomy/enrich-lines.ts';

const DETAILS = `
Input: job.postings.v1 events as NDJSON (one JSON object per line), from [file] or stdin.
Output (stdout): one JSON object per non-blank input line, in input order:
  {"event_id", "job_id", "skills": [canonical ids], "region", "region_area", "city",
   "subdivision", "is_remote", "experience_level", "taxonomy_version"}
  A line that is not JSON or not a valid event gives instead
  {"line": <1-based line number>, "error": "INVALID_JSON" | "CONTRACT_VIOLATION", "issues": [{"field", "message"}]}
  and processing goes on. Blank lines are skipped.
A summary goes to stderr. Exit status 0 unless the input cannot be read or the taxonomy is invalid
(with --fail-on-reject: 2 when any line was rejected). No Kafka or Redis is needed.

Examples:
  pulse enrich events.ndjson
  cat events.ndjson | pulse enrich --taxonomy my-skills.jsonl > enriched.ndjson`;

export function registerEnrich(program: Command): void {
  program
    .command('enrich')
    .description('Enrich job.postings.v1 events read as NDJSON: skills, region, experience level (no Kafka or Redis)')
    .argument('[file]', 'NDJSON file of events (default: read stdin)')
    .option('--taxonomy <file>', 'skill taxonomy file', DEFAULT_TAXONOMY_FILE)
    .option('--fail-on-reject', 'exit with status 2 when any line was rejected', false)
    .option('--quiet', 'do not print the summary to stderr', false)
    .addHelpText('after', DETAILS)
    .action(async (file, options) => {
      if (file !== undefined && !fs.existsSync(file)) throw new PulseError('CONFIG_INVALID', `input file not found: ${file}`);
      const enricher = createEnricher({ taxonomyFile: options.taxonomy });
      const input = file === undefined ? process.stdin : fs.createReadStream(file);
      // Buffer output: one write per line would cost a system call each on large inputs.
      let pending = '';
      const flush = (): void => {
        if (pending !== '') process.stdout.write(pending);
        pending = '';
      };
      const summary = await enrichLines(input, enricher, (line) => {
        pending += line;
        if (pending.length > 65_536) flush();
      });
      flush();
      if (!options.quiet) {
        process.stderr.write(`pulse enrich: ${summary.enriched} enriched, ${summary.rejected} rejected, taxonomy ${enricher.taxonomyVersion}\n`);
      }
      if (options.failOnReject && summary.rejected > 0) process.exitCode = 2;
    });
}
