/**
 * Writes skill mentions the way postings do: varied surface forms ("Postgres", "k8s", "nodejs"),
 * lists with the usual joins ("A, B and C", "A/B", "A, B & C"), and remembers every skill it wrote
 * so the posting's ground truth is exact. Ambiguous forms ("Go", "R", "Swift") are only used where
 * the caller says the context is a skill context (a list, or "experience with …").
 */
import type { Random } from '../random/create-random.ts';
import { SKILLS_BY_ID, type Skill } from './skills.ts';

export interface SkillWriter {
  /** One form of the skill; null when only ambiguous forms exist and the context does not allow them. */
  form(skillId: string, skillContext: boolean): string | null;
  /** True when the skill has a form usable outside a skill context (no side effects). */
  hasPlainForm(skillId: string): boolean;
  /** Two or more skills joined as a list; ambiguous forms allowed (a list is a skill context). */
  list(skillIds: readonly string[]): string;
  /** Every skill written so far. */
  readonly mentioned: Set<string>;
}

function skillOf(skillId: string): Skill {
  const skill = SKILLS_BY_ID.get(skillId);
  if (skill === undefined) throw new Error(`unknown skill id ${skillId}`);
  return skill;
}

export function createSkillWriter(random: Random): SkillWriter {
  const mentioned = new Set<string>();

  function form(skillId: string, skillContext: boolean): string | null {
    const skill = skillOf(skillId);
    const forms = skillContext ? skill.forms : skill.forms.filter((candidate) => !skill.ambiguous?.includes(candidate));
    if (forms.length === 0) return null;
    mentioned.add(skillId);
    // The first (canonical-looking) spelling is the most common, as in real ads.
    return forms.length === 1 || random.chance(0.6) ? (forms[0] as string) : random.pick(forms);
  }

  function list(skillIds: readonly string[]): string {
    const forms = skillIds.map((skillId) => form(skillId, true) as string);
    if (forms.length === 1) return forms[0] as string;
    const last = forms[forms.length - 1] as string;
    const head = forms.slice(0, -1).join(', ');
    const roll = random.next();
    if (roll < 0.45) return `${head} and ${last}`;
    if (roll < 0.6) return `${head}, and ${last}`;
    if (roll < 0.72) return forms.join(', ');
    if (roll < 0.82) return `${head} or ${last}`;
    if (roll < 0.9) return `${head} & ${last}`;
    return forms.length <= 3 ? forms.join('/') : forms.join(', ');
  }

  function hasPlainForm(skillId: string): boolean {
    const skill = skillOf(skillId);
    return skill.forms.some((candidate) => !skill.ambiguous?.includes(candidate));
  }

  return { form, hasPlainForm, list, mentioned };
}
