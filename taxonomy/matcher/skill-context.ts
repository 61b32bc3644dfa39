/**
 * What makes a "skill context" for a guarded alias (taxonomy/README.md#guarded-aliases):
 * - a list: the nearest match before or after it is another accepted skill, and only list
 *   punctuation or a joining word lies between ("Python, R and SQL", "C/C++", "Go | Rust");
 * - a cue before it: "experience with Go", "knowledge of R", "such as Spark", "stack: Go";
 * - a cue after it: "Go developer", "Rust experience", "Excel skills".
 * The checks look only at a few dozen characters around a match, so they cost nothing on text
 * without guarded aliases.
 */

const MAX_LIST_GAP = 24;
const LIST_GAP = /^(?:[\s,;\/|&+()\[\]•·*:>~\-–—]|\band\b|\bor\b|\bplus\b|\bas well as\b|\betc\b\.?|\bund\b)*$/i;

const CUE_BEFORE = new RegExp(
  '(?:^|[^a-z])(?:' +
    [
      'experience (?:with|in|using|of|across)', 'experienced (?:with|in)', 'knowledge (?:of|in)', 'understanding of', 'exposure to', 'grasp of', 'proficien(?:t|cy) (?:in|with)',
      'familiar(?:ity)? with', 'fluen(?:t|cy) in', 'expert(?:ise)? in', 'skilled in', 'skills in', 'background in',
      'written in', '(?:code|coding|program|programming|develop|developing|development|built|build|building|apps?|services) (?:in|with|using)',
      'work(?:s|ing|ed)? (?:with|in)', 'such as', 'e\\.g\\.?', 'i\\.e\\.?', 'incl\\.?', 'including', 'using', 'use', 'uses',
      'like', 'with', 'plus', 'know', 'knows', 'learn',
    ].join('|') +
    ')\\s*[(\\-–—]?\\s*$' +
    // A heading counts only with its colon: "Tech stack: Go", not "technologies go into this".
    '|(?:^|[^a-z])(?:stack|tech stack|technologies|languages?|tools|frameworks?|skills|required|requirements|nice to have|bonus)\\s*:\\s*$',
);

const CUE_AFTER = /^\s*(?:developers?|engineers?|programmers?|programming|development|code|coding|skills?|experience|expertise|knowledge|proficiency|background|scripts?|scripting|language|framework|librar(?:y|ies)|ecosystem|apps?|applications?|services?|stack|projects?|developer|environment|certification|principles|practices|methodolog(?:y|ies)|concepts|techniques|tools|technologies)\b/i;

// A role noun after an area skill, allowing up to two words between ("Backend Java Engineer") but
// not a joining word ("machine learning and data engineers" still asks for machine learning).
const ROLE_AFTER = /^\s*(?:(?!(?:and|or|with|for|in|of|to|the|a|an|our|your)\b)[A-Za-z][\w.+#\/-]*\s+){0,2}?(?:engineers?|developers?|devs?|designers?|teams?|professionals?|specialists?|administrators?|architects?|masters?|managers?|leads?|scientists?|analysts?|consultants?|experts?|testers?|roles?|positions?|colleagues|department|squads?)\b/i;

/** True when a role noun follows `end` (exclusive): the mention names a job or team. */
export function hasRoleAfter(text: string, end: number): boolean {
  return ROLE_AFTER.test(text.slice(end, end + 60));
}

/** True when only list punctuation or joining words lie between two matches. */
export function isListGap(text: string, from: number, to: number): boolean {
  if (to - from > MAX_LIST_GAP) return false;
  if (to <= from) return true;
  return LIST_GAP.test(text.slice(from, to));
}

/** True when a cue phrase ends right before `start`. */
export function hasCueBefore(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - 40), start).toLowerCase();
  return CUE_BEFORE.test(window);
}

/** True when a cue word follows right after `end` (exclusive). */
export function hasCueAfter(text: string, end: number): boolean {
  return CUE_AFTER.test(text.slice(end, end + 30));
}
