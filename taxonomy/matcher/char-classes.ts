/**
 * Character classes for the matcher: one table lookup per UTF-16 code unit folds case and maps the
 * character to its column in the automaton. Classes 0 and 2 are every character that appears in no
 * alias (they send the automaton back to the root), split by whether they are word characters;
 * class 1 is the separator class shared by whitespace and hyphens, so "scikit-learn",
 * "scikit learn" and "scikit \n learn" read alike. Class 3 holds the characters NFKC may change
 * (nfkcUnstableCodeUnits): reading one stops the scan, which normalises the text and starts again,
 * so text without them (nearly all of it) is matched without a normalising pass. `word` marks letters
 * and digits in any script: the token-boundary rules look at it, and every class is wholly word or
 * wholly not (`classIsWord`), which lets the automaton know where words start.
 */
export interface CharClasses {
  /** Class of each UTF-16 code unit (0 = not in any alias, 1 = separator, 3 = NFKC may change it). */
  classOf: Uint8Array;
  /** The same without class 3, for text already in NFKC form (which may still hold such characters). */
  normalisedClassOf: Uint8Array;
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
export const UNNORMALISED_CLASS = 3;

const SEPARATOR = /^[\s\-]$/u;
const WORD = /^[\p{L}\p{N}_]$/u;
const MARK = /^\p{M}$/u;

let nfkcUnstable: Uint8Array | undefined;

/**
 * 1 for each UTF-16 code unit that NFKC may change: it changes alone (full-width letters,
 * ligatures, no-break spaces), or it may compose with the character before it (combining marks, and
 * the Hangul vowel and final jamo, which are the other characters NFKC's quick check answers
 * "maybe" for), or it starts a surrogate pair (some supplementary characters change). Text with none
 * of them is already in NFKC form: tests/unit/taxonomy/char-classes.test.ts checks every code unit.
 */
export function nfkcUnstableCodeUnits(): Uint8Array {
  if (nfkcUnstable !== undefined) return nfkcUnstable;
  const table = new Uint8Array(65536);
  for (let code = 0x80; code < 65536; code++) {
    const char = String.fromCharCode(code);
    if (code >= 0xd800 && code <= 0xdbff) table[code] = 1;
    else if (code >= 0xdc00 && code <= 0xdfff) continue;
    else if (MARK.test(char) || (code >= 0x1161 && code <= 0x1175) || (code >= 0x11a8 && code <= 0x11c2) || char.normalize('NFKC') !== char) table[code] = 1;
  }
  nfkcUnstable = table;
  return table;
}

/** Builds the tables for the characters used by `keys` (alias keys, already lower-case). */
export function buildCharClasses(keys: Iterable<string>): CharClasses {
  const columns = new Map<number, number>();
  let count = 4;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (code === 32 || columns.has(code)) continue;
      if (count === 256) throw new Error('more than 254 distinct alias characters');
      columns.set(code, count++);
    }
  }
  const normalisedClassOf = new Uint8Array(65536);
  const word = new Uint8Array(65536);
  for (let code = 0; code < 65536; code++) if (WORD.test(String.fromCharCode(code))) word[code] = 1;
  const classIsWord = new Uint8Array(count);
  classIsWord[OTHER_WORD_CLASS] = 1;
  for (const [code, column] of columns) classIsWord[column] = word[code]!;
  for (let code = 0; code < 65536; code++) {
    const char = String.fromCharCode(code);
    if (SEPARATOR.test(char)) {
      normalisedClassOf[code] = SEPARATOR_CLASS;
      continue;
    }
    const lower = char.toLowerCase();
    const folded = lower.length === 1 ? lower.charCodeAt(0) : code;
    const column = columns.get(folded);
    if (column === undefined) normalisedClassOf[code] = word[code] === 1 ? OTHER_WORD_CLASS : OTHER_CLASS;
    else if (classIsWord[column] !== word[code]) throw new Error(`character U+${code.toString(16)} folds to an alias character of another kind (word or not)`);
    else normalisedClassOf[code] = column;
  }
  const classOf = Uint8Array.from(normalisedClassOf);
  const unstable = nfkcUnstableCodeUnits();
  // An alias character keeps its column: the alias keys are NFKC already, but for what lower-casing
  // added (the dot of "i̇" from "İ"), which normalising the text would leave in place as well.
  for (let code = 0x80; code < 65536; code++) if (unstable[code] === 1 && !columns.has(code)) classOf[code] = UNNORMALISED_CLASS;
  return { classOf, normalisedClassOf, count, classIsWord, word };
}
