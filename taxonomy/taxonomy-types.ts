/**
 * The shape of a parsed skill taxonomy. The file format (one JSON object per line, a header line
 * first) is described in taxonomy/README.md; these types are what the parser hands to the compiler.
 */

/** When a guarded alias counts; see taxonomy/README.md#guarded-aliases for each part. */
export type GuardRule = 'case' | 'context' | 'list' | 'case+context' | 'case+list' | 'case|context' | 'case|list';

export const GUARD_RULES: readonly GuardRule[] = ['case', 'context', 'list', 'case+context', 'case+list', 'case|context', 'case|list'];

export const SKILL_CATEGORIES = [
  'language', 'markup', 'framework', 'library', 'api', 'architecture', 'database', 'data', 'analytics', 'ml',
  'cloud', 'devops', 'tool', 'os', 'testing', 'practice', 'mobile', 'security', 'networking', 'design',
  'business', 'platform', 'domain',
] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export interface GuardedAlias {
  alias: string;
  rule: GuardRule;
  /** Exact spellings that satisfy the `case` part of the rule (e.g. `Go`, `R`). */
  forms: readonly string[];
  /** Why the alias is ambiguous and what the rule accepts; shown in the docs. */
  why: string;
}

export interface SkillDefinition {
  id: string;
  name: string;
  category: SkillCategory;
  /**
   * The skill names a field of work ("backend", "DevOps", "UX"). Such a mention directly followed by
   * a role noun ("Backend Engineer", "UX designers", "DevOps team") names a job or a team, not a
   * skill asked for, and does not count. Default false.
   */
  area: boolean;
  /**
   * A rule for all of `aliases` (guarded aliases keep their own): `context` or `list` for general
   * fields and practices that prose mentions in passing. Undefined: the aliases always count.
   */
  rule: 'context' | 'list' | undefined;
  /** Aliases that always count unless `rule` says otherwise (matched case-insensitively, hyphens and spaces alike). */
  aliases: readonly string[];
  guarded: readonly GuardedAlias[];
  /** 1-based line of the definition in the taxonomy file. */
  line: number;
}

export interface Taxonomy {
  version: string;
  skills: readonly SkillDefinition[];
}
