/**
 * Character classes for the matcher: one table lookup per UTF-16 code unit folds case and maps the
 * character to its column in the automaton. Classes 0 and 2 are every character that appears in no
 * alias (they send the automaton back to the root), split by whether they are word characters;
 * class 1 is the separator class shared by whitespace and hyphens, so "scikit-learn",
 * "scikit learn" and "scikit \n learn" read alike. `word` marks letters and digits in any script:
 * the token-boundary rules look at it, and every class is wholly word or wholly not (`classIsWord`),
 * which lets the automaton know where words start.
 */
export interface CharClasses {
  /** Class of each UTF-16 code unit (0 = not in any alias, 1 = separator). */
  classOf: Uint8Array;
  /** Number of classes, i.e. columns of the transition table. */
  count: number;
  /** 1 when the characters of a class are word characters. */
  classIsWord: Uint8Array;
  /** 1 for letters and digits (any script) and `_`, else 0. */
  word: Uint8Array;
}

export const OTHER_CLASS = 0;
export const SEPARATOR_CLASS = 1;
export const OTHER_WORD_CLASS = 2;

const SEPARATOR = /^[\s\-]$/u;
const WORD = /^[\p{L}\p{N}_]$/u;

/** Builds the tables for the characters used by `keys` (alias keys, already lower-case). */
export function buildCharClasses(keys: Iterable<string>): CharClasses {
  const columns = new Map<number, number>();
  let count = 3;
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
  for (let code = 0; code < 65536; code++) if (WORD.test(String.fromCharCode(code))) word[code] = 1;
  const classIsWord = new Uint8Array(count);
  classIsWord[OTHER_WORD_CLASS] = 1;
  for (const [code, column] of columns) classIsWord[column] = word[code]!;
  for (let code = 0; code < 65536; code++) {
    const char = String.fromCharCode(code);
    if (SEPARATOR.test(char)) {
      classOf[code] = SEPARATOR_CLASS;
      continue;
    }
    const lower = char.toLowerCase();
    const folded = lower.length === 1 ? lower.charCodeAt(0) : code;
    const column = columns.get(folded);
    if (column === undefined) classOf[code] = word[code] === 1 ? OTHER_WORD_CLASS : OTHER_CLASS;
    else if (classIsWord[column] !== word[code]) throw new Error(`character U+${code.toString(16)} folds to an alias character of another kind (word or not)`);
    else classOf[code] = column;
  }
  return { classOf, count, classIsWord, word };
}
