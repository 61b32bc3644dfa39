import type { SkillErrorCount, SkillEvaluation } from './evaluate-skills.ts';

function list(entries: readonly SkillErrorCount[]): string {
  return entries.length === 0 ? '  (none)\n' : entries.map((entry) => `  ${String(entry.count).padStart(4)}  ${entry.id}  (e.g. posting ${entry.example})\n`).join('');
}

/** The human-readable report of `pulse eval-skills`. */
export function formatSkillEvaluation(result: SkillEvaluation): string {
  const pct = (value: number): string => value.toFixed(3);
  return (
    `data: ${result.dataFile}\n` +
    `taxonomy version: ${result.taxonomyVersion}\n` +
    `${result.sentences} sentences in ${result.postings} postings; ${result.labelledSpans} labelled spans, ${result.coveredSpans} name a taxonomy skill\n` +
    `true positives ${result.truePositives}, false positives ${result.falsePositives}, false negatives ${result.falseNegatives}\n` +
    `precision ${pct(result.precision)}  recall ${pct(result.recall)}  F1 ${pct(result.f1)}\n` +
    `worst false positives (found, not labelled in that posting):\n${list(result.worstFalsePositives)}` +
    `worst false negatives (labelled, not found):\n${list(result.worstFalseNegatives)}`
  );
}
