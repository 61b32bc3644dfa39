/**
 * Reads a SkillSpan CoNLL file: one token per line, `token<TAB>skill-tag<TAB>knowledge-tag` in BIO
 * form, a blank line after each sentence. Spans of both tag columns are kept; technologies are
 * almost always in the knowledge column.
 */
import { PulseError } from '../../core/errors.ts';

export interface LabelledSpan {
  kind: 'skill' | 'knowledge';
  /** Token range, end exclusive. */
  start: number;
  end: number;
}

export interface LabelledSentence {
  tokens: string[];
  spans: LabelledSpan[];
}

export function readConll(text: string, source = 'conll'): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let tokens: string[] = [];
  let tags: Array<[string, string]> = [];
  const flush = (): void => {
    if (tokens.length === 0) return;
    const spans: LabelledSpan[] = [];
    for (const [column, kind] of [[0, 'skill'], [1, 'knowledge']] as const) {
      let open = -1;
      for (let i = 0; i <= tokens.length; i++) {
        const tag = i < tokens.length ? tags[i]![column] : 'O';
        if (open >= 0 && !tag.startsWith('I-')) {
          spans.push({ kind, start: open, end: i });
          open = -1;
        }
        if (tag.startsWith('B-') || (tag.startsWith('I-') && open < 0)) open = i;
      }
    }
    sentences.push({ tokens, spans });
    tokens = [];
    tags = [];
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return flush();
    const columns = line.split('\t');
    if (columns.length < 3) throw new PulseError('CONFIG_INVALID', `${source} line ${index + 1}: expected token, skill tag and knowledge tag separated by tabs`);
    tokens.push(columns[0]!);
    tags.push([columns[1]!, columns[2]!]);
  });
  flush();
  return sentences;
}
