/**
 * Groups SkillSpan sentences into postings. The data set does not mark posting boundaries, but each
 * posting opens with a header: title, company, address/location, then `Date posted: YYYY-MM-DD`.
 * The `Date posted:` tokens are either inside a longer header sentence (that sentence then starts the
 * posting) or a sentence of their own, preceded by the header's other sentences. In the second case
 * (and also when the header sentence opens with a placeholder) the posting starts at the earliest of
 * up to three sentences just before it that look like header lines — short (at most 25 tokens) and
 * ending with an anonymisation placeholder (`<ORGANIZATION>`, `<ADDRESS>`, `<LOCATION>`) or made
 * mostly of them — plus one short title line (at most 15 tokens) right before a line that opens
 * with a placeholder.
 */
import type { LabelledSentence } from './read-conll.ts';

const PLACEHOLDER = /^<(ORGANIZATION|ADDRESS|LOCATION)>$/;

function hasDatePosted(sentence: LabelledSentence): number {
  const { tokens } = sentence;
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === 'Date' && tokens[i + 1] === 'posted:') return i;
  return -1;
}

/** A header line: short, and ending with a placeholder or made mostly of placeholders. */
function isHeaderLine(sentence: LabelledSentence): boolean {
  const { tokens } = sentence;
  if (tokens.length > 25) return false;
  const placeholders = tokens.filter((token) => PLACEHOLDER.test(token)).length;
  return PLACEHOLDER.test(tokens[tokens.length - 1] ?? '') || placeholders * 2 >= tokens.length;
}

function opensWithPlaceholder(sentence: LabelledSentence): boolean {
  return PLACEHOLDER.test(sentence.tokens[0] ?? '');
}

function headerStart(sentences: readonly LabelledSentence[], index: number, dateAt: number, floor: number): number {
  let start = index;
  if (dateAt !== 0 && !opensWithPlaceholder(sentences[index]!)) return start;
  for (let back = 0; back < 3 && start - 1 > floor && isHeaderLine(sentences[start - 1]!); back++) start--;
  if (start - 1 > floor && opensWithPlaceholder(sentences[start]!) && sentences[start - 1]!.tokens.length <= 15) start--;
  return start;
}

export function groupPostings(sentences: readonly LabelledSentence[]): LabelledSentence[][] {
  const starts: number[] = [];
  sentences.forEach((sentence, index) => {
    const at = hasDatePosted(sentence);
    if (at < 0) return;
    const floor = starts.length > 0 ? starts[starts.length - 1]! : -1;
    starts.push(headerStart(sentences, index, at, floor));
  });
  if (starts.length === 0 || starts[0] !== 0) starts.unshift(0);
  return starts.map((start, i) => sentences.slice(start, starts[i + 1] ?? sentences.length));
}
