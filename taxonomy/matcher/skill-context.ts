/**
 * What makes a "skill context" for a guarded alias (taxonomy/README.md#guarded-aliases):
 * - a list: the nearest match before or after it is another accepted skill, and only list
 *   punctuation or a joining word lies between ("Python, R and SQL", "C/C++", "Go | Rust");
 * - a cue before it: "experience with Go", "knowledge of R", "such as Spark", "Tech stack: Go";
 * - a cue after it: "Go developer", "Rust experience", "Excel skills".
 * And the reverse for "area" skills: a role noun after the mention ("Backend Engineer") means it
 * names a job or team. These run for every guarded or area mention on the hot path, so they scan a
 * few words around the match by hand instead of running regular expressions over a window.
 */

const CUE_WORDS = new Set([
  'with', 'using', 'use', 'uses', 'like', 'including', 'incl', 'e.g', 'eg', 'i.e', 'ie', 'plus', 'know', 'knows', 'learn',
]);
// Two-word cues, written "<word before> <last word>".
const CUE_PAIRS = new Set([
  'such as', 'knowledge of', 'knowledge in', 'understanding of', 'exposure to', 'grasp of', 'proficient in', 'proficiency in',
  'familiar with', 'familiarity with', 'fluent in', 'fluency in', 'expert in', 'expertise in', 'skilled in', 'skills in',
  'background in', 'written in', 'experience in', 'experience of', 'experience across', 'experienced in', 'code in',
  'coding in', 'programming in', 'develop in', 'developing in', 'development in', 'built in', 'build in', 'building in',
  'apps in', 'services in', 'work in', 'working in', 'worked in', 'works in',
]);
// Headings count only with their colon: "Tech stack: Go", not "technologies go into this".
const HEADINGS = new Set(['stack', 'technologies', 'technology', 'language', 'languages', 'tools', 'framework', 'frameworks', 'skills', 'required', 'requirements', 'have', 'bonus', 'must-have', 'musts']);
const CUE_AFTER = new Set([
  'developer', 'developers', 'engineer', 'engineers', 'programmer', 'programmers', 'programming', 'development', 'code',
  'coding', 'skill', 'skills', 'experience', 'expertise', 'knowledge', 'proficiency', 'background', 'script', 'scripts',
  'scripting', 'language', 'framework', 'library', 'libraries', 'ecosystem', 'app', 'apps', 'application', 'applications',
  'service', 'services', 'stack', 'project', 'projects', 'environment', 'certification', 'principles', 'practices',
  'methodology', 'methodologies', 'concepts', 'techniques', 'tools', 'technologies',
]);
const ROLE_NOUNS = new Set([
  'engineer', 'engineers', 'developer', 'developers', 'dev', 'devs', 'designer', 'designers', 'team', 'teams',
  'professional', 'professionals', 'specialist', 'specialists', 'administrator', 'administrators', 'architect', 'architects',
  'master', 'masters', 'manager', 'managers', 'lead', 'leads', 'scientist', 'scientists', 'analyst', 'analysts',
  'consultant', 'consultants', 'expert', 'experts', 'tester', 'testers', 'role', 'roles', 'position', 'positions',
  'colleagues', 'department', 'squad', 'squads',
]);
// Words that end the look-ahead for a role noun: "machine learning and data engineers" still asks for ML.
const JOINERS = new Set(['and', 'or', 'with', 'for', 'in', 'of', 'to', 'the', 'a', 'an', 'our', 'your']);
const LIST_WORDS = new Set(['and', 'or', 'plus', 'und', 'etc', 'as', 'well']);
const MAX_LIST_GAP = 24;

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code > 127;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** The word ending at or before `end` (exclusive), skipping spaces: [start, end) of the word. */
function wordBefore(text: string, end: number): [number, number] {
  let stop = end;
  while (stop > 0 && isSpace(text.charCodeAt(stop - 1))) stop--;
  let start = stop;
  while (start > 0 && (isLetter(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46 || text.charCodeAt(start - 1) === 45)) start--;
  return [start, stop];
}

/** The word starting at or after `from`, skipping spaces: [start, end) of the word. */
function wordAfter(text: string, from: number): [number, number] {
  let start = from;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  let end = start;
  while (end < text.length && (isLetter(text.charCodeAt(end)) || text.charCodeAt(end) === 45)) end++;
  return [start, end];
}

/** True when only list punctuation or joining words lie between two matches. */
export function isListGap(text: string, from: number, to: number): boolean {
  if (to - from > MAX_LIST_GAP) return false;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isLetter(code)) {
      let end = i;
      while (end < to && isLetter(text.charCodeAt(end))) end++;
      if (!LIST_WORDS.has(text.slice(i, end).toLowerCase())) return false;
      i = end;
      continue;
    }
    // , ; / | & + ( ) [ ] • · * : > ~ - – — and spaces
    if (!(isSpace(code) || code === 44 || code === 59 || code === 47 || code === 124 || code === 38 || code === 43 || code === 40 || code === 41 ||
      code === 91 || code === 93 || code === 0x2022 || code === 0xb7 || code === 42 || code === 58 || code === 62 || code === 126 ||
      code === 45 || code === 0x2013 || code === 0x2014)) return false;
    i++;
  }
  return true;
}

/** True when a cue phrase ends right before `start`. */
export function hasCueBefore(text: string, start: number): boolean {
  let end = start;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let punctuation = end;
  while (punctuation > 0 && '(:-–—'.includes(text[punctuation - 1]!)) punctuation--;
  const colon = text.slice(punctuation, end).includes(':');
  const [lastStart, lastEnd] = wordBefore(text, punctuation);
  if (lastEnd === lastStart) return false;
  const last = text.slice(lastStart, lastEnd).toLowerCase().replace(/\.$/, '');
  if (colon) return HEADINGS.has(last);
  if (CUE_WORDS.has(last)) return true;
  const [previousStart, previousEnd] = wordBefore(text, lastStart);
  return previousEnd > previousStart && CUE_PAIRS.has(`${text.slice(previousStart, previousEnd).toLowerCase()} ${last}`);
}

/** True when a cue word follows right after `end` (exclusive). */
export function hasCueAfter(text: string, end: number): boolean {
  const [start, stop] = wordAfter(text, end);
  return stop > start && CUE_AFTER.has(text.slice(start, stop).toLowerCase());
}

/** True when a role noun follows `end` (exclusive), up to two words on: the mention names a job or team. */
export function hasRoleAfter(text: string, end: number): boolean {
  let from = end;
  for (let words = 0; words < 3; words++) {
    const [start, stop] = wordAfter(text, from);
    if (stop === start) return false;
    const word = text.slice(start, stop).toLowerCase();
    if (ROLE_NOUNS.has(word)) return true;
    if (JOINERS.has(word)) return false;
    from = stop;
  }
  return false;
}
