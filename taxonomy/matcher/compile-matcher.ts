/**
 * Compiles a taxonomy into a multi-pattern matcher: an Aho-Corasick automaton turned into a full
 * DFA whose transitions sit in one flat typed array (state × character class), so matching costs one
 * table lookup per character whatever the number of aliases, and the time is linear in the text.
 *
 * Extraction, in one left-to-right pass over the normalised text (normalise-text.ts):
 * 1. Case is folded and whitespace/hyphen runs collapse to one separator through the character-class
 *    table (char-classes.ts); a small ring buffer remembers where each consumed character was, so a
 *    match maps back to its span in the text.
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
import { MAX_ALIAS_LENGTH } from '../parse-taxonomy.ts';
import { aliasKey } from '../alias-key.ts';
import { OTHER_CLASS, SEPARATOR_CLASS, buildCharClasses } from './char-classes.ts';
import { normaliseText } from './normalise-text.ts';
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
const RING = MAX_ALIAS_LENGTH; // a power of two: the ring index is masked
const RING_MASK = RING - 1;
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
  const OTHER = OTHER_CLASS;
  const classes = buildCharClasses(keys);
  const { classOf, word } = classes;
  const width = classes.count;
  const patternLength = Int32Array.from(keys, (key) => key.length);
  const wordStart = Uint8Array.from(keys, (key) => word[key.charCodeAt(0)]!);
  const wordEnd = Uint8Array.from(keys, (key) => word[key.charCodeAt(key.length - 1)]!);

  // Trie over character classes.
  const children: Array<Map<number, number>> = [new Map()];
  const patternAt: number[] = [-1];
  keys.forEach((key, pattern) => {
    let state = 0;
    for (let i = 0; i < key.length; i++) {
      const column = key.charCodeAt(i) === 32 ? SEPARATOR : classOf[key.charCodeAt(i)]!;
      let next = children[state]!.get(column);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        patternAt.push(-1);
        children[state]!.set(column, next);
      }
      state = next;
    }
    patternAt[state] = pattern; // keys are unique (the validator saw to it)
  });

  // Breadth-first: failure links, dictionary links and the full transition table.
  const stateCount = children.length;
  // Int32, with the output flag in the sign bit: a Uint32 with the top bit set is not a small
  // integer to V8, so the scan loop would compare heap numbers.
  const delta = new Int32Array(stateCount * width);
  const fail = new Int32Array(stateCount);
  const dictLink = new Int32Array(stateCount).fill(-1);
  const queue: number[] = [];
  for (const [column, child] of children[0]!) {
    delta[column] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const failure = fail[state]!;
    dictLink[state] = patternAt[failure]! >= 0 ? failure : dictLink[failure]!;
    for (let column = 0; column < width; column++) {
      const child = children[state]!.get(column);
      if (child === undefined) {
        delta[state * width + column] = delta[failure * width + column]!;
      } else {
        delta[state * width + column] = child;
        fail[child] = delta[failure * width + column]!;
        queue.push(child);
      }
    }
  }
  // First state to look at for output after reaching a state (-1: nothing ends here).
  const outputState = new Int32Array(stateCount);
  for (let state = 0; state < stateCount; state++) outputState[state] = patternAt[state]! >= 0 ? state : dictLink[state]!;
  // Each cell holds the target state pre-multiplied by the row width (the loop indexes with one
  // addition) and, in the top bit, whether an alias can end in the target (the loop's only branch).
  if (stateCount * width >= OUTPUT_BIT) throw new Error(`taxonomy too large for the matcher: ${stateCount} states`);
  for (let cell = 0; cell < delta.length; cell++) {
    const target = delta[cell]!;
    delta[cell] = (target * width) | (outputState[target]! >= 0 ? OUTPUT_BIT : 0);
  }
  const patternOfState = Int32Array.from(patternAt);
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
  const ring = new Int32Array(RING);
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

  /** Scans `text` (already normalised) and leaves the counted matches in the scratch arrays. */
  function scan(text: string, options: ExtractOptions | undefined): { count: number; reviewed: boolean } {
    const length = text.length;
    // Locals, not closure slots, in the per-character loop: V8 then keeps them in registers.
    const classes = classOf, transitions = delta, positions = ring;
    let row = 0; // current state × width
    let consumed = 0;
    let previousSeparator = true;
    let count = 0;
    let needsReview = false;
    for (let i = 0; i < length; i++) {
      const column = classes[text.charCodeAt(i)]!;
      if (column === SEPARATOR) {
        if (previousSeparator) continue;
        previousSeparator = true;
      } else {
        previousSeparator = false;
        if (column === OTHER) {
          row = 0;
          continue;
        }
      }
      positions[consumed & RING_MASK] = i;
      consumed++;
      const cell = transitions[row + column]!;
      row = cell & 0x7fffffff;
      if (cell >= 0) continue;
      const state = row / width;
      let out = outputState[state]!;
      if (endsInWord[state] === 1 && i + 1 < length) {
        const next = text.charCodeAt(i + 1);
        if (word[next] === 1 && (next < 48 || next > 57)) continue; // mid-word (digits may be a version)
      }
      while (out >= 0) {
        const pattern = patternOfState[out]!;
        const start = ring[(consumed - patternLength[pattern]!) & RING_MASK]!;
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
    return { count, reviewed: needsReview };
  }

  function extract(raw: string, options?: ExtractOptions): string[] {
    const { count, reviewed } = scan(normaliseText(raw), options);
    generation++;
    if (generation === 0xffffffff) {
      seenIn.fill(0);
      generation = 1;
    }
    const found: string[] = [];
    for (let m = 0; m < count; m++) {
      if (reviewed && status[m] !== 1) continue;
      const skill = skillOfPattern[matchPattern[m]!]!;
      if (seenIn[skill] === generation) continue;
      seenIn[skill] = generation;
      found.push(skillIds[skill]!);
    }
    return found;
  }

  function explain(raw: string, options?: ExtractOptions): SkillMention[] {
    const text = normaliseText(raw);
    const { count, reviewed } = scan(text, options);
    const mentions: SkillMention[] = [];
    for (let m = 0; m < count; m++) {
      if (reviewed && status[m] !== 1) continue;
      const start = matchStart[m]!, end = matchEnd[m]! + 1;
      mentions.push({ id: skillIds[skillOfPattern[matchPattern[m]!]!]!, text: text.slice(start, end), start, end });
    }
    return mentions;
  }

  return { version: taxonomy.version, skillIds, aliasCount: keys.length, stateCount, extract, explain };
}
