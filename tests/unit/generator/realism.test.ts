import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import type { GeneratedRecord } from '../../../generator/generated-record.ts';
import { findSkillWords } from '../../../generator/model/find-skill-words.ts';
import { SKILLS } from '../../../generator/model/skills.ts';

interface Payload { title: string; company: string; location: string; description: string; is_remote: boolean }

const records: GeneratedRecord[] = [...createEventGenerator({ seed: 'realism', count: 20_000, startTime: '2025-03-03T00:00:00Z', spanMs: 7 * 86_400_000, chaos: false })];
const payloads = records.map((record) => (JSON.parse(record.value.toString()) as { payload: Payload }).payload);

test('postings come from at least 30 countries', () => {
  const countries = new Set(records.map((record) => record.truth?.country).filter((country) => country !== null));
  assert.ok(countries.size >= 30, `${countries.size} countries: ${[...countries].join(', ')}`);
});

test('locations use the free-text forms real postings use', () => {
  const locations = new Set(payloads.map((payload) => payload.location));
  for (const form of ['London, UK', 'London, United Kingdom', 'NYC', 'Berlin, Germany', 'Remote - EU', 'Remote (US)']) {
    assert.ok(locations.has(form), `no posting located "${form}"`);
  }
  for (const pattern of [/^Manchester, England$/, /^München, /, /^San Francisco, CA$/, /^Hybrid - .+, ON$/, /^Hybrid - /, /\(Hybrid\)$/]) {
    assert.ok([...locations].some((location) => pattern.test(location)), `no location like ${pattern}`);
  }
  assert.ok(locations.size >= 500, `only ${locations.size} distinct location strings`);
});

test('remote postings say so in is_remote', () => {
  for (const [index, record] of records.entries()) {
    assert.is((payloads[index] as Payload).is_remote, record.truth?.workplace === 'remote');
  }
});

test('titles carry seniority cues, and every level appears', () => {
  const cues: Record<string, RegExp> = {
    intern: /\bIntern(ship)?\b/, junior: /\b(Junior|Jr\.|Graduate|Associate)\s/, senior: /\b(Senior|Sr\.)\s|\(Senior\)/,
    staff: /\bStaff\b/, lead: /\bLead\b/, principal: /\bPrincipal\b/, head: /^(Head|Director|VP) of\b/,
  };
  for (const [level, cue] of Object.entries(cues)) {
    const titles = records.filter((record) => record.truth?.seniority === level).map((record) => (payloads[record.index] as Payload).title);
    assert.ok(titles.length >= 100, `${level}: only ${titles.length} postings`);
    const missing = titles.filter((title) => !cue.test(title));
    assert.equal(missing.slice(0, 3), [], `${level} titles without a cue`);
  }
});

test('most postings are tech roles', () => {
  const nonTech = new Set(['sales', 'marketing', 'operations', 'product', 'design']);
  const tech = records.filter((record) => !nonTech.has(record.truth?.roleFamily as string)).length;
  assert.ok(tech / records.length >= 0.8 && tech / records.length <= 0.92, `${tech} of ${records.length} tech`);
});

test('descriptions are the size of real ads: median 1.5–2 KB', () => {
  const sizes = payloads.map((payload) => Buffer.byteLength(payload.description)).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] as number;
  assert.ok(median >= 1_500 && median <= 2_000, `median ${median} bytes`);
  assert.ok(payloads.filter((payload) => /\n(- |• |\* |– )/.test(payload.description)).length === payloads.length, 'bullet lists in every ad');
});

test('the only skill words in title and description are the posting\'s true skills', () => {
  for (const record of records) {
    const payload = payloads[record.index] as Payload;
    const found = new Set(findSkillWords(`${payload.title}\n${payload.description}`).map((word) => word.skillId));
    assert.equal([...found].sort(), record.truth?.skills, `record ${record.index}: ${payload.title}`);
    assert.equal(findSkillWords(payload.company), [], payload.company);
    assert.equal(findSkillWords(payload.location), [], payload.location);
  }
});

test('ambiguous forms (Go, R, Swift, Rust, Spark, Excel, ML) appear only in a skill context', () => {
  const ambiguous = SKILLS.flatMap((skill) => skill.ambiguous ?? []);
  const before = /(experience with|familiarity with|knowledge of|exposure to|proficiency in|working with|[,/&]|\band|\bor|: )\s*$/i;
  const after = /^\s*(,|\/|&|and\b|or\b)/;
  let mentions = 0;
  for (const payload of payloads) {
    for (const word of findSkillWords(payload.description)) {
      if (!ambiguous.includes(word.form)) continue;
      mentions++;
      const left = payload.description.slice(Math.max(0, word.index - 40), word.index);
      const right = payload.description.slice(word.index + word.form.length, word.index + word.form.length + 6);
      assert.ok(before.test(left) || after.test(right), `"${left}[${word.form}]${right}"`);
    }
  }
  assert.ok(mentions >= 1_000, `${mentions} ambiguous mentions`);
});

test('skills appear in their varied real-world spellings', () => {
  const text = payloads.map((payload) => payload.description).join('\n');
  for (const form of ['k8s', 'Node.js', 'nodejs', 'C++', 'C#', '.NET', 'Postgres', 'GoLang', 'ReactJS', 'Golang', 'PySpark', 'python3']) {
    assert.ok(text.includes(form), `no description says "${form}"`);
  }
});

test.run();
