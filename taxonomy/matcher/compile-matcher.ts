/**
 * Compiles a taxonomy into a multi-pattern matcher: an Aho-Corasick automaton turned into a full
 * DFA whose transitions sit in one flat typed array (state × character class), so matching costs one
 * table lookup per character whatever the number of aliases, and the time is linear in the text.
 *
 * Extraction, in one left-to-right pass over the text with its markup removed (normalise-text.ts):
 * 0. A character NFKC may change stops the pass; the text is normalised and read again from the
 *    start. Nearly all text has none, and is matched without a normalising pass.
 * 1. Case is folded and whitespace/hyphen runs collapse to one separator through the character-class
 *    table (char-classes.ts) and the automaton itself: a state entered by a separator loops on more
 *    separators, and characters in no alias lead to the root, so the per-character loop is one
 *    lookup and one branch (an alias may end here). A match's start is found by walking back over
 *    its length when it is reported.
 * 2. At each position the longest alias ending there that sits on token boundaries is a candidate.
 *    Boundaries: an alias edge that is a letter or digit must not touch another letter or digit
 *    ("java" is not found in "javascript", "sql" not in "mysql"), nor a dotted name ("js" in
 *    "three.js", "python" in "python.org"), nor a URL scheme ("http://"). Edges that are symbols need
 *    no boundary, which is what lets "C++", "C#", ".NET" and "CI/CD" match next to punctuation.
 *    A version number may follow a name ("HTML5", "Java8", "Python3.11").
 * 3. Overlaps resolve leftmost-longest: "Apache Kafka" wins over "Kafka", "Node.js" over "Node".
 * 4. Guarded (ambiguous) aliases are then kept or dropped by their rule, and mentions of "area"
 *    skills that name a job or team ("Backend Engineer") are dropped (skill-context.ts).
 * The result lists canonical ids once each, in order of first appearance in the text.
 */
import type { GuardRule, Taxonomy } from '../taxonomy-types.ts';
import { aliasKey } from '../alias-key.ts';
import { SEPARATOR_CLASS, UNNORMALISED_CLASS, buildCharClasses } from './char-classes.ts';
import { stripMarkup } from './normalise-text.ts';
import { hasCueAfter, hasCueBefore, hasRoleAfter, isListGap } from './skill-context.ts';

export interface ExtractOptions {
  /**
   * Treat the whole text as a skill context, so guarded aliases count in any casing. Meant for text
   * a person already marked as a skill (a labelled span). Default false.
   */
  assumeSkillContext?: boolean;
}

export interface SkillMatcher {
  readonly version: string;
  /** Canonical ids in taxonomy order. */
  readonly skillIds: readonly string[];
  readonly aliasCount: number;
  readonly stateCount: number;
  /** Canonical ids found in `text`, each once, in order of first appearance. */
  extract(text: string, options?: ExtractOptions): string[];
  /**
   * Canonical ids found in the texts, each read on its own (no alias, list or context spans from
   * one into the next, as between a posting's title and description), each id once, in order of
   * first appearance: the first text's, then the second's, and so on.
   */
  extractEach(texts: readonly string[], options?: ExtractOptions): string[];
  /** Every counted mention with its place in the normalised text: for explaining results, not the hot path. */
  explain(text: string, options?: ExtractOptions): SkillMention[];
}

export interface SkillMention {
  id: string;
  /** The mention as written (in the normalised text). */
  text: string;
  /** UTF-16 offsets in the normalised text, end exclusive. */
  start: number;
  end: number;
}

interface Guard {
  hasCase: boolean;
  /** 0: no context part, 1: list or cue, 2: list only. */
  context: 0 | 1 | 2;
  either: boolean;
  forms: ReadonlySet<string>;
}

const OUTPUT_BIT = 0x80000000;
const DOT = 46, PLUS = 43, HASH = 35, COLON = 58, SLASH = 47, AMPERSAND = 38, HYPHEN = 45, APOSTROPHE = 39;

function compileGuard(rule: GuardRule, forms: readonly string[]): Guard {
  const hasCase = rule.startsWith('case');
  const context = rule.endsWith('context') ? 1 : rule.endsWith('list') ? 2 : 0;
  return { hasCase, context, either: rule.includes('|'), forms: new Set(forms) };
}

export function compileMatcher(taxonomy: Taxonomy): SkillMatcher {
  const skillIds = taxonomy.skills.map((skill) => skill.id);
  const keys: string[] = [];
  const skillOfPattern: number[] = [];
  const guardOfPattern: number[] = [];
  const areaOfPattern: number[] = [];
  const guards: Guard[] = [];
  taxonomy.skills.forEach((skill, skillIndex) => {
    const skillGuard = skill.rule === undefined ? -1 : guards.push(compileGuard(skill.rule, [])) - 1;
    for (const alias of skill.aliases) {
      keys.push(aliasKey(alias));
      skillOfPattern.push(skillIndex);
      guardOfPattern.push(skillGuard);
      areaOfPattern.push(skill.area ? 1 : 0);
    }
    for (const guarded of skill.guarded) {
      keys.push(aliasKey(guarded.alias));
      skillOfPattern.push(skillIndex);
      guardOfPattern.push(guards.length);
      areaOfPattern.push(skill.area ? 1 : 0);
      guards.push(compileGuard(guarded.rule, guarded.forms));
    }
  });

  // Local copies: imported bindings are read through accessors when the module is transpiled to
  // CommonJS (tsx), which costs a call per character in the loop below.
  const SEPARATOR = SEPARATOR_CLASS;
  const UNNORMALISED = UNNORMALISED_CLASS;
  const classes = buildCharClasses(keys);
  const { classOf, normalisedClassOf, classIsWord, word } = classes;
  // A virtual column, never read from text: "a word starts here" (see below).
  const WORD_START = classes.count;
  // Rows padded to a power of two, so a state is its row offset shifted, not divided (a float division).
  const widthShift = Math.ceil(Math.log2(classes.count + 1));
  const width = 1 << widthShift;
  const patternLength = Int32Array.from(keys, (key) => key.length);
  const wordStart = Uint8Array.from(keys, (key) => word[key.charCodeAt(0)]!);
  const wordEnd = Uint8Array.from(keys, (key) => word[key.charCodeAt(key.length - 1)]!);

  // Trie over character classes, with WORD_START before every word character that follows a
  // non-word one (or starts the alias), just as the scan reads text. An alias that starts with a
  // letter or digit may only match where a word starts (the boundary rule), so the automaton then
  // never follows one from the middle of a word ("r" inside "react", "go" inside "good"): it stays
  // near the root, in cache, through ordinary prose, and reports far fewer candidates.
  const children: Array<Map<number, number>> = [new Map()];
  const patternAt: number[] = [-1];
  const incoming: number[] = [-1];
  keys.forEach((key, pattern) => {
    const columns: number[] = [];
    let previousIsWord = false;
    for (let i = 0; i < key.length; i++) {
      const column = key.charCodeAt(i) === 32 ? SEPARATOR : normalisedClassOf[key.charCodeAt(i)]!;
      const isWord = classIsWord[column] === 1;
      if (isWord && !previousIsWord) columns.push(WORD_START);
      columns.push(column);
      previousIsWord = isWord;
    }
    let state = 0;
    for (const column of columns) {
      let next = children[state]!.get(column);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        patternAt.push(-1);
        incoming.push(column);
        children[state]!.set(column, next);
      }
      state = next;
    }
    patternAt[state] = pattern; // keys are unique (the validator saw to it)
  });

  // Breadth-first: failure links, dictionary links and the Aho-Corasick transitions over the
  // classes plus WORD_START (as if the text had a WORD_START before every word).
  const trieStates = children.length;
  const fail = new Int32Array(trieStates);
  const dictLink = new Int32Array(trieStates).fill(-1);
  const goto = new Int32Array(trieStates * width);
  const queue: number[] = [];
  for (const [column, child] of children[0]!) {
    goto[column] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const failure = fail[state]!;
    dictLink[state] = patternAt[failure]! >= 0 ? failure : dictLink[failure]!;
    for (let column = 0; column < width; column++) {
      const child = children[state]!.get(column);
      if (child === undefined) {
        goto[state * width + column] = goto[failure * width + column]!;
      } else {
        goto[state * width + column] = child;
        fail[child] = goto[failure * width + column]!;
        queue.push(child);
      }
    }
  }

  // The table the scan reads folds WORD_START into the character after it. Whether a word starts
  // depends on the character before, which a trie state knows (the class of its incoming edge) but
  // the root does not: a second root, ROOT_IN_WORD, is the root reached by a word character.
  const ROOT_IN_WORD = trieStates;
  // Reached by any character NFKC may change, flagged as output so the loop's one branch sees it.
  const UNNORMALISED_STOP = trieStates + 1;
  const stateCount = trieStates + 2;
  const afterWord = (state: number) => state === ROOT_IN_WORD || (state !== 0 && classIsWord[incoming[state]!] === 1);
  // Int32, with the output flag in the sign bit: a Uint32 with the top bit set is not a small
  // integer to V8, so the scan loop would compare heap numbers.
  const delta = new Int32Array(stateCount * width);
  for (let state = 0; state < UNNORMALISED_STOP; state++) {
    const from = state === ROOT_IN_WORD ? 0 : state;
    for (let column = 0; column < WORD_START; column++) {
      if (column === UNNORMALISED) {
        delta[state * width + column] = UNNORMALISED_STOP;
        continue;
      }
      const isWord = classIsWord[column] === 1;
      const at = isWord && !afterWord(state) ? goto[from * width + WORD_START]! : from;
      let target = goto[at * width + column]!;
      if (target === 0 && isWord) target = ROOT_IN_WORD;
      // A run of separators reads as one: a state a separator led to stays put on more of them.
      if (column === SEPARATOR && (state === 0 || incoming[state] === SEPARATOR)) target = state;
      delta[state * width + column] = target;
    }
  }
  // First state to look at for output after reaching a state (-1: nothing ends here).
  const outputState = new Int32Array(stateCount).fill(-1);
  for (let state = 0; state < trieStates; state++) outputState[state] = patternAt[state]! >= 0 ? state : dictLink[state]!;
  // Each cell holds the target state pre-multiplied by the row width (the loop indexes with one
  // addition) and, in the top bit, whether an alias can end in the target (the loop's only branch).
  if (stateCount * width >= OUTPUT_BIT) throw new Error(`taxonomy too large for the matcher: ${stateCount} states`);
  for (let cell = 0; cell < delta.length; cell++) {
    const target = delta[cell]!;
    delta[cell] = (target * width) | (outputState[target]! >= 0 || target === UNNORMALISED_STOP ? OUTPUT_BIT : 0);
  }
  const patternOfState = Int32Array.from([...patternAt, -1]);
  // 1 when every alias that can end in this state ends with a letter or digit: such a match needs a
  // non-word character after it, so inside a word the output chain need not be walked at all. This
  // keeps one-letter aliases ("r", "c") from costing a boundary check at every "r" and "c" of prose.
  const endsInWord = new Uint8Array(stateCount);
  for (let state = 0; state < stateCount; state++) {
    let all = 1;
    for (let out = outputState[state]!; out >= 0; out = dictLink[out]!) if (wordEnd[patternAt[out]!] === 0) all = 0;
    endsInWord[state] = all;
  }

  // Per-call scratch space, reused (extract is synchronous, so never shared between calls).
  let matchStart = new Int32Array(64);
  let matchEnd = new Int32Array(64);
  let matchPattern = new Int32Array(64);
  let status = new Int8Array(64);
  const seenIn = new Uint32Array(skillIds.length);
  let generation = 0;

  function onBoundaries(text: string, start: number, end: number, pattern: number): boolean {
    const length = text.length;
    const guarded = guardOfPattern[pattern]! >= 0;
    if (wordStart[pattern] === 1 && start > 0) {
      const before = text.charCodeAt(start - 1);
      if (word[before] === 1) return false;
      if ((before === DOT || (guarded && (before === HYPHEN || before === APOSTROPHE))) && start > 1 && word[text.charCodeAt(start - 2)] === 1) return false;
    }
    if (wordEnd[pattern] === 1 && end + 1 < length) {
      let next = text.charCodeAt(end + 1);
      let after = end + 1;
      if (word[next] === 1) {
        // A version number may follow a name that is not guarded: "HTML5", "Java8", "Python3.11".
        if (guarded || patternLength[pattern]! < 3 || next < 48 || next > 57) return false;
        while (after < length && ((next >= 48 && next <= 57) || (next === DOT && after + 1 < length && text.charCodeAt(after + 1) >= 48 && text.charCodeAt(after + 1) <= 57))) {
          next = text.charCodeAt(++after);
        }
        if (after < length && word[next] === 1) return false;
      }
      if (after >= length) return true;
      const following = after + 1 < length ? text.charCodeAt(after + 1) : 32;
      if (next === DOT && word[following] === 1) return false; // dotted name: "python.org", "three.js"
      if (next === COLON && following === SLASH) return false; // URL scheme: "http://"
      if ((next === PLUS || next === HASH) && patternLength[pattern]! <= 2) return false; // "C+", "F#x"
      if (guarded && (next === HYPHEN || next === AMPERSAND || next === APOSTROPHE) && word[following] === 1) return false; // "go-to", "R&D"
    }
    return true;
  }

  function grow(): void {
    const size = matchStart.length * 2;
    const copy = <T extends Int32Array | Int8Array>(from: T, to: T): T => (to.set(from), to);
    matchStart = copy(matchStart, new Int32Array(size));
    matchEnd = copy(matchEnd, new Int32Array(size));
    matchPattern = copy(matchPattern, new Int32Array(size));
    status = new Int8Array(size);
  }

  /** Decides which matches count: guarded aliases by their rule, area skills not named as a role. */
  function resolveGuards(text: string, count: number, assumeContext: boolean): void {
    let pending = 0;
    for (let m = 0; m < count; m++) {
      const pattern = matchPattern[m]!;
      if (areaOfPattern[pattern] === 1 && !assumeContext && hasRoleAfter(text, matchEnd[m]! + 1)) {
        status[m] = -1;
        continue;
      }
      const guardIndex = guardOfPattern[pattern]!;
      if (guardIndex < 0 || assumeContext) {
        status[m] = 1;
        continue;
      }
      const guard = guards[guardIndex]!;
      const caseOk = guard.hasCase && guard.forms.has(text.slice(matchStart[m]!, matchEnd[m]! + 1));
      if (guard.hasCase && caseOk && (guard.either || guard.context === 0)) { status[m] = 1; continue; }
      if (guard.hasCase && !caseOk && !guard.either) { status[m] = -1; continue; }
      if (guard.context === 0) { status[m] = -1; continue; }
      if (guard.context === 1 && (hasCueBefore(text, matchStart[m]!) || hasCueAfter(text, matchEnd[m]! + 1))) { status[m] = 1; continue; }
      status[m] = 0;
      pending++;
    }
    // A guarded alias in a list counts once a neighbour counts; neighbours may be guarded themselves
    // ("Go, Rust, Swift"), so repeat until nothing changes.
    let changed = pending > 0;
    while (changed) {
      changed = false;
      for (let m = 0; m < count; m++) {
        if (status[m] !== 0) continue;
        const left = m > 0 && status[m - 1] === 1 && isListGap(text, matchEnd[m - 1]! + 1, matchStart[m]!);
        const right = m + 1 < count && status[m + 1] === 1 && isListGap(text, matchEnd[m]! + 1, matchStart[m + 1]!);
        if (left || right) {
          status[m] = 1;
          changed = true;
        }
      }
    }
  }

  /**
   * Where a match of `length` alias characters ending at `end` starts: walking back, a run of
   * separators counts as the one separator the automaton read. Matches never start on a separator.
   * (The characters before a match never stopped the scan, so both class tables agree on them.)
   */
  function startOf(text: string, end: number, length: number): number {
    let position = end;
    for (let remaining = length - 1; remaining > 0; remaining--) {
      position--;
      if (normalisedClassOf[text.charCodeAt(position)] === SEPARATOR) {
        while (position > 0 && normalisedClassOf[text.charCodeAt(position - 1)] === SEPARATOR) position--;
      }
    }
    return position;
  }

  /** Whether the last scan found a guarded or area alias (its matches then went through resolveGuards). */
  let reviewed = false;

  /**
   * Scans `text` with the class table `classes` and leaves the counted matches in the scratch arrays;
   * returns how many, or -1 when it read a character NFKC may change (only `classOf` has their class).
   */
  function scan(text: string, classes: Uint8Array, options: ExtractOptions | undefined): number {
    const length = text.length;
    // Locals, not closure slots, in the per-character loop: V8 then keeps them in registers.
    const transitions = delta;
    let row = 0; // current state × width
    let count = 0;
    let needsReview = false;
    for (let i = 0; i < length; i++) {
      const cell = transitions[row + classes[text.charCodeAt(i)]!]!;
      row = cell & 0x7fffffff;
      if (cell >= 0) continue;
      const state = row >>> widthShift;
      if (state === UNNORMALISED_STOP) return -1;
      let out = outputState[state]!;
      if (endsInWord[state] === 1 && i + 1 < length) {
        const next = text.charCodeAt(i + 1);
        if (word[next] === 1 && (next < 48 || next > 57)) continue; // mid-word (digits may be a version)
      }
      while (out >= 0) {
        const pattern = patternOfState[out]!;
        const start = startOf(text, i, patternLength[pattern]!);
        if (onBoundaries(text, start, i, pattern)) {
          // Leftmost-longest: drop earlier matches this one covers; skip it if it overlaps an earlier one.
          while (count > 0 && matchStart[count - 1]! >= start) count--;
          if (count === 0 || matchEnd[count - 1]! < start) {
            if (count === matchStart.length) grow();
            matchStart[count] = start;
            matchEnd[count] = i;
            matchPattern[count] = pattern;
            count++;
            if (guardOfPattern[pattern]! >= 0 || areaOfPattern[pattern] === 1) needsReview = true;
          }
          break;
        }
        out = dictLink[out]!;
      }
    }
    if (needsReview) resolveGuards(text, count, options?.assumeSkillContext === true);
    reviewed = needsReview;
    return count;
  }

  /** The text as matched (markup removed, NFKC form), its matches left in the scratch arrays. */
  let matchedText = '';

  /** Matches `raw` and returns how many matches the scratch arrays hold (see matchedText, reviewed). */
  function match(raw: string, options: ExtractOptions | undefined): number {
    matchedText = stripMarkup(raw);
    const count = scan(matchedText, classOf, options);
    if (count >= 0) return count;
    matchedText = matchedText.normalize('NFKC');
    return scan(matchedText, normalisedClassOf, options);
  }

  function extract(raw: string, options?: ExtractOptions): string[] {
    return extractEach([raw], options);
  }

  function extractEach(texts: readonly string[], options?: ExtractOptions): string[] {
    // A new generation: `seenIn` marks the ids already found by this call.
    generation++;
    if (generation === 0xffffffff) {
      seenIn.fill(0);
      generation = 1;
    }
    const found: string[] = [];
    for (const text of texts) {
      const count = match(text, options);
      for (let m = 0; m < count; m++) {
        if (reviewed && status[m] !== 1) continue;
        const skill = skillOfPattern[matchPattern[m]!]!;
        if (seenIn[skill] === generation) continue;
        seenIn[skill] = generation;
        found.push(skillIds[skill]!);
      }
    }
    return found;
  }

  function explain(raw: string, options?: ExtractOptions): SkillMention[] {
    const count = match(raw, options);
    const text = matchedText;
    const mentions: SkillMention[] = [];
    for (let m = 0; m < count; m++) {
      if (reviewed && status[m] !== 1) continue;
      const start = matchStart[m]!, end = matchEnd[m]! + 1;
      mentions.push({ id: skillIds[skillOfPattern[matchPattern[m]!]!]!, text: text.slice(start, end), start, end });
    }
    return mentions;
  }

  return { version: taxonomy.version, skillIds, aliasCount: keys.length, stateCount, extract, extractEach, explain };
}
