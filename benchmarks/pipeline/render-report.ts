/**
 * Re-renders a results file from its JSON twin (after a change to the report's wording, without
 * re-measuring):  node --import tsx benchmarks/pipeline/render-report.ts benchmarks/results/pipeline.json
 */
import fs from 'node:fs';
import { writeReport } from './report.ts';
import type { SuiteResults } from './suite-results.ts';

const file = process.argv[2] ?? 'benchmarks/results/pipeline.json';
const results = JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
writeReport(results, file.replace(/\.json$/, '.md'));
process.stdout.write(`wrote ${file.replace(/\.json$/, '.md')}\n`);
