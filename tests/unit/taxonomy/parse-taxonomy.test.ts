import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { isPulseError } from '../../../core/errors.ts';
import { DEFAULT_TAXONOMY_FILE } from '../../../taxonomy/default-taxonomy-file.ts';
import { parseTaxonomy } from '../../../taxonomy/parse-taxonomy.ts';
import { SKILL_CATEGORIES } from '../../../taxonomy/taxonomy-types.ts';

const HEADER = '{"taxonomy":"test","version":"9.9.9"}';
const PYTHON = '{"id":"python","name":"Python","category":"language","aliases":["python","python3"]}';
const JAVA = '{"id":"java","name":"Java","category":"language","aliases":["java"]}';

function rejection(text: string): string {
  try {
    parseTaxonomy(text, 'skills.jsonl');
  } catch (error) {
    assert.ok(isPulseError(error), 'a PulseError');
    if (isPulseError(error)) assert.is(error.code, 'TAXONOMY_INVALID');
    return (error as Error).message;
  }
  throw new assert.Assertion({ message: 'the taxonomy was accepted', generated: false, operator: 'throws', expects: 'error', actual: 'none' });
}

test('the shipped taxonomy is valid, versioned and has at least 500 skills in known categories', () => {
  const taxonomy = parseTaxonomy(fs.readFileSync(DEFAULT_TAXONOMY_FILE, 'utf8'));
  assert.is(taxonomy.version, '1.0.0');
  assert.ok(taxonomy.skills.length >= 500, `${taxonomy.skills.length} skills`);
  for (const skill of taxonomy.skills) assert.ok((SKILL_CATEGORIES as readonly string[]).includes(skill.category), skill.id);
  for (const id of ['python', 'node.js', 'c++', 'kubernetes', 'postgresql', 'machine-learning']) {
    assert.ok(taxonomy.skills.some((skill) => skill.id === id), id);
  }
});

test('every ambiguous alias named in the brief is guarded and says why', () => {
  const taxonomy = parseTaxonomy(fs.readFileSync(DEFAULT_TAXONOMY_FILE, 'utf8'));
  const guarded = new Map(taxonomy.skills.flatMap((skill) => skill.guarded.map((entry) => [entry.alias, entry] as const)));
  for (const alias of ['go', 'r', 'c', 'ai', 'swift', 'rust', 'spark', 'express', 'less', 'shell', 'excel', 'ml', 'ci']) {
    const entry = guarded.get(alias);
    assert.ok(entry !== undefined, `"${alias}" is guarded`);
    assert.ok(entry!.why.length > 20, `"${alias}" says why`);
  }
});

test('parses a minimal file, with comments and blank lines, keeping line numbers', () => {
  const taxonomy = parseTaxonomy([HEADER, '# languages', '', PYTHON, JAVA].join('\n'));
  assert.is(taxonomy.version, '9.9.9');
  assert.equal(taxonomy.skills.map((skill) => [skill.id, skill.line]), [['python', 4], ['java', 5]]);
});

test('rejects a duplicate id, naming both lines', () => {
  const message = rejection([HEADER, PYTHON, JAVA, '{"id":"python","name":"Py","category":"language","aliases":["py"]}'].join('\n'));
  assert.is(message, 'skills.jsonl line 4: duplicate id "python" (first defined on line 2)');
});

test('rejects an alias claimed by two skills, naming the line and the owner', () => {
  const message = rejection([HEADER, PYTHON, '{"id":"snake","name":"Snake","category":"language","aliases":["snake","Python"]}'].join('\n'));
  assert.is(message, 'skills.jsonl line 3: alias "Python" of skill "snake" is already claimed by skill "python" on line 2');
});

test('an alias that differs only by case, hyphens or spacing counts as the same alias', () => {
  const message = rejection([HEADER, '{"id":"ml","name":"ML","category":"ml","aliases":["machine learning"]}', '{"id":"ml2","name":"ML","category":"ml","aliases":["Machine-Learning"]}'].join('\n'));
  assert.is(message, 'skills.jsonl line 3: alias "Machine-Learning" of skill "ml2" is already claimed by skill "ml" on line 2');
});

test('rejects an alias claimed twice by one skill, and a guarded alias clashing with a plain one', () => {
  assert.is(rejection([HEADER, '{"id":"go","name":"Go","category":"language","aliases":["golang","GoLang"]}'].join('\n')),
    'skills.jsonl line 2: alias "GoLang" of skill "go" is already claimed by this skill (line 2)');
  assert.is(rejection([HEADER, '{"id":"go","name":"Go","category":"language","aliases":["go"],"guarded":[{"alias":"Go","rule":"context","why":"a verb, so context is needed"}]}'].join('\n')),
    'skills.jsonl line 2: alias "Go" of skill "go" is already claimed by this skill (line 2)');
});

test('rejects an empty alias, and one that is only spaces or hyphens', () => {
  assert.is(rejection([HEADER, PYTHON, '{"id":"java","name":"Java","category":"language","aliases":["java",""]}'].join('\n')),
    'skills.jsonl line 3: skill "java" has an empty alias (aliases[1])');
  assert.is(rejection([HEADER, '{"id":"java","name":"Java","category":"language","aliases":[" - "]}'].join('\n')),
    'skills.jsonl line 2: skill "java" has an empty alias (aliases[0])');
  assert.is(rejection([HEADER, '{"id":"go","name":"Go","category":"language","aliases":["golang"],"guarded":[{"alias":"","rule":"context","why":"x"}]}'].join('\n')),
    'skills.jsonl line 2: guarded[0] has an empty alias');
});

test('rejects other malformed lines, naming the line', () => {
  const cases: Array<[string, string]> = [
    ['not a header', 'skills.jsonl line 1: the first line must be the JSON header {"taxonomy": …, "version": …}'],
    ['{"taxonomy":"x"}', 'skills.jsonl line 1: the header must carry a "version" string such as "1.0.0"'],
    [`${HEADER}\n{"id":"python",`, 'skills.jsonl line 2: not valid JSON'],
    [`${HEADER}\n{"id":"Python","name":"P","category":"language","aliases":["p"]}`, 'skills.jsonl line 2: id "Python" must be lower-case'],
    [`${HEADER}\n{"id":"p","name":"P","category":"snacks","aliases":["p"]}`, 'skills.jsonl line 2: skill "p" has unknown category "snacks"'],
    [`${HEADER}\n{"id":"p","name":"P","category":"language","aliases":[]}`, 'skills.jsonl line 2: skill "p" has no alias'],
    [`${HEADER}\n{"id":"r","name":"R","category":"language","aliases":[],"guarded":[{"alias":"r","rule":"sometimes","why":"a letter"}]}`, 'skills.jsonl line 2: guarded alias "r" has unknown rule "sometimes"'],
    [`${HEADER}\n{"id":"r","name":"R","category":"language","aliases":[],"guarded":[{"alias":"r","rule":"case+context","why":"a letter"}]}`, 'skills.jsonl line 2: guarded alias "r" uses rule "case+context" but lists no exact "forms"'],
    [`${HEADER}\n{"id":"r","name":"R","category":"language","aliases":[],"guarded":[{"alias":"r","rule":"context"}]}`, 'skills.jsonl line 2: guarded alias "r" must say "why" it is guarded'],
    [HEADER, 'skills.jsonl line 1: the taxonomy defines no skills'],
  ];
  for (const [text, start] of cases) {
    const message = rejection(text);
    assert.ok(message.startsWith(start), `${JSON.stringify(message)} should start with ${JSON.stringify(start)}`);
  }
});

test.run();
