/**
 * Character classes for the matcher: one table lookup per UTF-16 code unit folds case and maps the
 * character to its column in the automaton. Class 0 is every character that appears in no alias
 * (it sends the automaton back to the root); class 1 is the separator class shared by whitespace
 * and hyphens, so "scikit-learn", "scikit learn" and "scikit \n learn" read alike.
 * `word` marks letters and digits in any script: the token-boundary rules look at it.
 */
export interface CharClasses {
  /** Class of each UTF-16 code unit (0 = not in any alias, 1 = separator). */
  classOf: Uint8Array;
  /** Number of classes, i.e. columns of the transition table. */
  count: number;
  /** 1 for letters and digits (any script) and `_`, else 0. */
  word: Uint8Array;
}

export const OTHER_CLASS = 0;
export const SEPARATOR_CLASS = 1;

const SEPARATOR = /^[\s\-]$/u;
const WORD = /^[\p{L}\p{N}_]$/u;

/** Builds the tables for the characters used by `keys` (alias keys, already lower-case). */
export function buildCharClasses(keys: Iterable<string>): CharClasses {
  const columns = new Map<number, number>();
  let count = 2;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (code === 32 || columns.has(code)) continue;
      if (count === 256) throw new Error('more than 254 distinct alias characters');
      columns.set(code, count++);
    }
  }
  const classOf = new Uint8Array(65536);
  const word = new Uint8Array(65536);
  for (let code = 0; code < 65536; code++) {
    const char = String.fromCharCode(code);
    if (WORD.test(char)) word[code] = 1;
    if (SEPARATOR.test(char)) {
      classOf[code] = SEPARATOR_CLASS;
      continue;
    }
    const lower = char.toLowerCase();
    const folded = lower.length === 1 ? lower.charCodeAt(0) : code;
    classOf[code] = columns.get(folded) ?? OTHER_CLASS;
  }
  return { classOf, count, word };
}
