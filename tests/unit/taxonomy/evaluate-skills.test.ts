/**
 * Runs the SkillSpan evaluation (taxonomy/EVALUATION.md) and holds the extractor to the project's
 * targets on the tech train split: precision ≥ 0.90 and F1 ≥ 0.85 over the skills the taxonomy
 * covers. The data sits next to the repository on every machine of the project; without it this
 * test fails and says where it looked.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { DEFAULT_SKILLSPAN_FILE } from '../../../taxonomy/evaluation/default-skillspan-file.ts';
import { evaluateSkills } from '../../../taxonomy/evaluation/evaluate-skills.ts';
import { groupPostings } from '../../../taxonomy/evaluation/group-postings.ts';
import { joinTokens } from '../../../taxonomy/evaluation/join-tokens.ts';
import { readConll } from '../../../taxonomy/evaluation/read-conll.ts';
import { loadTaxonomy } from '../../../taxonomy/load-taxonomy.ts';

test('the SkillSpan tech train split is present', () => {
  assert.ok(fs.existsSync(DEFAULT_SKILLSPAN_FILE), `SkillSpan data missing: expected ${DEFAULT_SKILLSPAN_FILE} (see the data README of the project)`);
});

test('reads the file as documented: 3,133 sentences grouped into 80 postings', () => {
  const sentences = readConll(fs.readFileSync(DEFAULT_SKILLSPAN_FILE, 'utf8'));
  assert.is(sentences.length, 3133);
  assert.is(sentences.reduce((sum, sentence) => sum + sentence.tokens.length, 0), 56_485);
  assert.is(sentences.reduce((sum, sentence) => sum + sentence.spans.filter((span) => span.kind === 'knowledge').length, 0), 2188);
  assert.is(sentences.reduce((sum, sentence) => sum + sentence.spans.filter((span) => span.kind === 'skill').length, 0), 1237);
  assert.is(groupPostings(sentences).length, 80);
});

test('re-joins the tokeniser\'s ". NET"', () => {
  assert.is(joinTokens(['C#', '.', 'NET', 'Core', 'and', '.', 'Net']), 'C# .NET Core and .Net');
  assert.is(joinTokens(['end', '.', 'Next']), 'end . Next');
});

test('precision ≥ 0.90 and F1 ≥ 0.85 on the tech train split', () => {
  const result = evaluateSkills({ matcher: loadTaxonomy().matcher });
  assert.is(result.postings, 80);
  const summary = `P ${result.precision.toFixed(3)} R ${result.recall.toFixed(3)} F1 ${result.f1.toFixed(3)}`;
  assert.ok(result.precision >= 0.9, summary);
  assert.ok(result.f1 >= 0.85, summary);
});

test('a missing data file is a clear error', () => {
  assert.throws(() => evaluateSkills({ matcher: loadTaxonomy().matcher, dataFile: '/nonexistent/skillspan.conll' }), /SkillSpan data file not found: \/nonexistent\/skillspan.conll/);
});

test.run();
