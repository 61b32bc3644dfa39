/**
 * Reads and validates a taxonomy file. Every problem is a PulseError TAXONOMY_INVALID whose message
 * names the file and line, because the file is edited by hand and a bad line must be easy to find.
 * Checks: the header line and its version; each line is a JSON object with a lower-case id, a name,
 * a known category and at least one alias; no duplicate ids; no empty alias; no alias (by its
 * comparison key, see alias-key.ts) claimed twice, whether by two skills or twice by one; guarded
 * aliases name a known rule, and case rules list their exact forms.
 */
import { PulseError } from '../core/errors.ts';
import { aliasKey } from './alias-key.ts';
import {
  GUARD_RULES, SKILL_CATEGORIES,
  type GuardRule, type GuardedAlias, type SkillCategory, type SkillDefinition, type Taxonomy,
} from './taxonomy-types.ts';

/** Longest alias the matcher accepts (its match-start ring buffer holds this many characters). */
export const MAX_ALIAS_LENGTH = 64;

const ID_PATTERN = /^[a-z0-9.][a-z0-9.+#\-]*$/;
const VERSION_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.\-+]{0,63}$/;

function fail(source: string, line: number, message: string): never {
  throw new PulseError('TAXONOMY_INVALID', `${source} line ${line}: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readString(source: string, line: number, record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value.trim() === '') fail(source, line, `"${field}" must be a non-empty string`);
  return value;
}

function readGuarded(source: string, line: number, value: unknown): GuardedAlias[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(source, line, '"guarded" must be an array');
  return value.map((entry, index) => {
    if (!isRecord(entry)) fail(source, line, `guarded[${index}] must be an object`);
    const alias = typeof entry.alias === 'string' ? entry.alias : '';
    if (aliasKey(alias) === '') fail(source, line, `guarded[${index}] has an empty alias`);
    const rule = entry.rule as GuardRule;
    if (!GUARD_RULES.includes(rule)) {
      fail(source, line, `guarded alias "${alias}" has unknown rule "${String(entry.rule)}" (one of ${GUARD_RULES.join(', ')})`);
    }
    const forms = entry.forms ?? [];
    if (!Array.isArray(forms) || forms.some((form) => typeof form !== 'string')) {
      fail(source, line, `guarded alias "${alias}": "forms" must be an array of strings`);
    }
    if (rule.startsWith('case') && forms.length === 0) {
      fail(source, line, `guarded alias "${alias}" uses rule "${rule}" but lists no exact "forms"`);
    }
    for (const form of forms as string[]) {
      if (aliasKey(form) !== aliasKey(alias)) fail(source, line, `guarded alias "${alias}": form "${form}" is not a spelling of it`);
    }
    const why = typeof entry.why === 'string' ? entry.why : '';
    if (why.trim() === '') fail(source, line, `guarded alias "${alias}" must say "why" it is guarded`);
    return { alias, rule, forms: forms as string[], why };
  });
}

function readHeader(source: string, text: string | undefined): string {
  let header: unknown;
  try {
    header = JSON.parse(text ?? '');
  } catch {
    fail(source, 1, 'the first line must be the JSON header {"taxonomy": …, "version": …}');
  }
  if (!isRecord(header) || typeof header.version !== 'string' || !VERSION_PATTERN.test(header.version)) {
    fail(source, 1, 'the header must carry a "version" string such as "1.0.0"');
  }
  return header.version;
}

/** Parses the text of a taxonomy file; `source` names the file in error messages. */
export function parseTaxonomy(text: string, source = 'taxonomy'): Taxonomy {
  const lines = text.split(/\r?\n/);
  const version = readHeader(source, lines[0]);
  const skills: SkillDefinition[] = [];
  const idLines = new Map<string, number>();
  const aliasOwners = new Map<string, { id: string; line: number }>();

  for (let index = 1; index < lines.length; index++) {
    const line = index + 1;
    const raw = lines[index]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (error) {
      fail(source, line, `not valid JSON (${(error as Error).message})`);
    }
    if (!isRecord(record)) fail(source, line, 'must be a JSON object');
    const id = readString(source, line, record, 'id');
    if (!ID_PATTERN.test(id)) fail(source, line, `id "${id}" must be lower-case letters, digits and . + # -`);
    const firstLine = idLines.get(id);
    if (firstLine !== undefined) fail(source, line, `duplicate id "${id}" (first defined on line ${firstLine})`);
    idLines.set(id, line);
    const name = readString(source, line, record, 'name');
    const category = record.category as SkillCategory;
    if (!SKILL_CATEGORIES.includes(category)) {
      fail(source, line, `skill "${id}" has unknown category "${String(record.category)}"`);
    }
    if (!Array.isArray(record.aliases)) fail(source, line, `skill "${id}": "aliases" must be an array`);
    const aliases = record.aliases.map((alias, aliasIndex) => {
      if (typeof alias !== 'string' || aliasKey(alias) === '') {
        fail(source, line, `skill "${id}" has an empty alias (aliases[${aliasIndex}])`);
      }
      return alias;
    });
    const guarded = readGuarded(source, line, record.guarded);
    if (record.area !== undefined && typeof record.area !== 'boolean') fail(source, line, `skill "${id}": "area" must be true or false`);
    const area = record.area === true;
    const rule = record.rule;
    if (rule !== undefined && rule !== 'context' && rule !== 'list') fail(source, line, `skill "${id}": "rule" must be "context" or "list"`);
    if (rule !== undefined && (typeof record.why !== 'string' || record.why.trim() === '')) {
      fail(source, line, `skill "${id}" has a "rule" but does not say "why"`);
    }
    if (aliases.length + guarded.length === 0) fail(source, line, `skill "${id}" has no alias`);
    for (const alias of [...aliases, ...guarded.map((entry) => entry.alias)]) {
      const key = aliasKey(alias);
      if (key.length > MAX_ALIAS_LENGTH) fail(source, line, `alias "${alias}" is longer than ${MAX_ALIAS_LENGTH} characters`);
      const owner = aliasOwners.get(key);
      if (owner !== undefined) {
        const whose = owner.id === id ? `this skill (line ${line})` : `skill "${owner.id}" on line ${owner.line}`;
        fail(source, line, `alias "${alias}" of skill "${id}" is already claimed by ${whose}`);
      }
      aliasOwners.set(key, { id, line });
    }
    skills.push({ id, name, category, area, rule, aliases, guarded, line });
  }
  if (skills.length === 0) fail(source, lines.length, 'the taxonomy defines no skills');
  return { version, skills };
}
