import { SKILLS } from './skills.ts';

export interface SkillWord {
  skillId: string;
  form: string;
  index: number;
}

// Longest forms first, so "Ruby on Rails" is one mention (not also "Ruby"), "Node.js" is not "JS".
const FORMS = SKILLS.flatMap((skill) => skill.forms.map((form) => ({ skillId: skill.id, form })))
  .sort((a, b) => b.form.length - a.form.length);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// A form counts only as a whole token: not inside a longer word ("excellent", "PySpark" for Spark).
const PATTERN = new RegExp(
  `(?<![A-Za-z0-9_.])(${FORMS.map((entry) => escape(entry.form)).join('|')})(?![A-Za-z0-9_+#])`,
  'gi',
);
const SKILL_BY_FORM = new Map(FORMS.map((entry) => [entry.form.toLowerCase(), entry.skillId]));

/**
 * Every vocabulary form in `text`, compared without regard to case: a deliberately strict reading
 * (a matcher that ignores case would see "go" or "rest" in filler text). Used to keep filler text
 * and company names free of skill words, and by tests to check a posting's ground truth.
 */
export function findSkillWords(text: string): SkillWord[] {
  const found: SkillWord[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const form = match[1] as string;
    found.push({ skillId: SKILL_BY_FORM.get(form.toLowerCase()) as string, form, index: match.index });
  }
  return found;
}
