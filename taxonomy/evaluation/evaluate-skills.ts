/**
 * Measures the skill extractor against human labels (SkillSpan). Per posting, the gold set is the
 * taxonomy ids that the human spans name — each labelled span is run through the same matcher with
 * `assumeSkillContext` (a person already said it is a skill, so ambiguous aliases count in any
 * casing) — and the predicted set is what the extractor finds in the posting's whole text. Spans
 * that name no taxonomy skill ("English", "Financial Services", "cloud") are outside what the
 * taxonomy covers and are not counted. Precision, recall and F1 are micro-averaged over postings.
 */
import fs from 'node:fs';
import { PulseError } from '../../core/errors.ts';
import type { SkillMatcher } from '../matcher/compile-matcher.ts';
import { DEFAULT_SKILLSPAN_FILE } from './default-skillspan-file.ts';
import { groupPostings } from './group-postings.ts';
import { joinTokens } from './join-tokens.ts';
import { readConll, type LabelledSpan } from './read-conll.ts';

export interface SkillEvaluationOptions {
  matcher: SkillMatcher;
  /** CoNLL file; default the SkillSpan tech train split next to the repository. */
  dataFile?: string;
  /** Which labelled spans are gold. Default both `knowledge` and `skill`. */
  spanKinds?: ReadonlyArray<LabelledSpan['kind']>;
  /** How many of the worst false positives and negatives to list. Default 15. */
  top?: number;
}

export interface SkillErrorCount {
  id: string;
  count: number;
  /** A posting (index) where it happened, for looking it up. */
  example: number;
}

export interface SkillEvaluation {
  dataFile: string;
  taxonomyVersion: string;
  sentences: number;
  postings: number;
  labelledSpans: number;
  /** Labelled spans that name at least one taxonomy skill. */
  coveredSpans: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  worstFalsePositives: SkillErrorCount[];
  worstFalseNegatives: SkillErrorCount[];
}

function countInto(counts: Map<string, SkillErrorCount>, id: string, posting: number): void {
  const entry = counts.get(id);
  if (entry === undefined) counts.set(id, { id, count: 1, example: posting });
  else entry.count++;
}

function worst(counts: Map<string, SkillErrorCount>, top: number): SkillErrorCount[] {
  return [...counts.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, top);
}

export function evaluateSkills(options: SkillEvaluationOptions): SkillEvaluation {
  const dataFile = options.dataFile ?? DEFAULT_SKILLSPAN_FILE;
  if (!fs.existsSync(dataFile)) {
    throw new PulseError('CONFIG_INVALID', `SkillSpan data file not found: ${dataFile} (pass another path with --data)`);
  }
  const kinds = new Set(options.spanKinds ?? ['knowledge', 'skill']);
  const { matcher } = options;
  const sentences = readConll(fs.readFileSync(dataFile, 'utf8'), dataFile);
  const postings = groupPostings(sentences);
  const falsePositives = new Map<string, SkillErrorCount>();
  const falseNegatives = new Map<string, SkillErrorCount>();
  let truePositives = 0, labelledSpans = 0, coveredSpans = 0;

  postings.forEach((posting, postingIndex) => {
    const gold = new Set<string>();
    for (const sentence of posting) {
      for (const span of sentence.spans) {
        if (!kinds.has(span.kind)) continue;
        labelledSpans++;
        const ids = matcher.extract(joinTokens(sentence.tokens.slice(span.start, span.end)), { assumeSkillContext: true });
        if (ids.length > 0) coveredSpans++;
        for (const id of ids) gold.add(id);
      }
    }
    const predicted = new Set(matcher.extract(posting.map((sentence) => joinTokens(sentence.tokens)).join('\n')));
    for (const id of predicted) {
      if (gold.has(id)) truePositives++;
      else countInto(falsePositives, id, postingIndex);
    }
    for (const id of gold) if (!predicted.has(id)) countInto(falseNegatives, id, postingIndex);
  });

  const fp = [...falsePositives.values()].reduce((sum, entry) => sum + entry.count, 0);
  const fn = [...falseNegatives.values()].reduce((sum, entry) => sum + entry.count, 0);
  const precision = truePositives + fp === 0 ? 0 : truePositives / (truePositives + fp);
  const recall = truePositives + fn === 0 ? 0 : truePositives / (truePositives + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const top = options.top ?? 15;
  return {
    dataFile, taxonomyVersion: matcher.version, sentences: sentences.length, postings: postings.length,
    labelledSpans, coveredSpans, truePositives, falsePositives: fp, falseNegatives: fn, precision, recall, f1,
    worstFalsePositives: worst(falsePositives, top), worstFalseNegatives: worst(falseNegatives, top),
  };
}
