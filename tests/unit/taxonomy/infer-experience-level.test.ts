import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXPERIENCE_LEVELS, type ExperienceLevel } from '../../../core/enriched-row.ts';
import { inferExperienceLevel } from '../../../taxonomy/seniority/infer-experience-level.ts';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';

const FROM_TITLE: Array<[string, ExperienceLevel]> = [
  ['Software Engineering Intern', 'intern'], ['Summer Internship - Data', 'intern'], ['Werkstudent Backend (m/w/d)', 'intern'],
  ['Graduate Apprentice, DevOps', 'intern'], ['Junior Frontend Developer', 'junior'], ['Jr. Data Analyst', 'junior'],
  ['Entry-Level QA Engineer', 'junior'], ['Graduate Software Engineer', 'junior'], ['Software Engineer I', 'junior'],
  ['Associate Product Designer', 'junior'], ['Mid-Level Python Developer', 'mid'], ['Software Engineer II', 'mid'],
  ['Intermediate .NET Developer', 'mid'], ['Medior Java Developer', 'mid'], ['Senior Data Engineer', 'senior'],
  ['Sr. iOS Developer', 'senior'], ['Software Engineer III', 'senior'], ['Data Ops Engineer ( Mid/Senior )', 'senior'],
  ['Junior/Mid Backend Engineer', 'mid'], ['Lead Backend Engineer', 'lead'], ['Tech Lead, Payments', 'lead'],
  ['Engineering Manager', 'lead'], ['Senior Engineering Manager', 'lead'], ['Principal Engineer eCommerce', 'principal'],
  ['Staff Software Engineer', 'principal'], ['Distinguished Engineer', 'principal'], ['Director of Engineering', 'executive'],
  ['Head of Data', 'executive'], ['VP Engineering', 'executive'], ['CTO', 'executive'], ['Chief Technology Officer', 'executive'],
  ['Internal Tools Engineer', 'unknown'], ['International Sales Engineer', 'unknown'],
];

for (const [title, level] of FROM_TITLE) {
  test(`title "${title}" → ${level}`, () => assert.is(inferExperienceLevel(title, ''), level));
}

const FROM_DESCRIPTION: Array<[string, ExperienceLevel]> = [
  ['You have 5+ years of experience with Python.', 'senior'],
  ['At least 2 years of professional experience in React.', 'mid'],
  ['3-5 years experience building APIs', 'mid'],
  ['1+ year of experience or a relevant degree', 'junior'],
  ['Two years of experience with SQL', 'mid'],
  ['We were founded 10 years ago and value 7 years of experience in Java; 3+ years with Kafka', 'mid'],
  ['This is an entry level role for recent graduates.', 'junior'],
  ['Perfect for a new grad.', 'junior'],
  ['This internship runs for six months. As an intern you will learn a lot.', 'intern'],
  ['We build great things together.', 'unknown'],
  ['Our company is 20 years old.', 'unknown'],
];

for (const [description, level] of FROM_DESCRIPTION) {
  test(`description "${description}" → ${level}`, () => assert.is(inferExperienceLevel('Software Engineer', description), level));
}

test('the title wins over description cues', () => {
  assert.is(inferExperienceLevel('Senior Developer', 'entry level, 1 year of experience'), 'senior');
  assert.is(inferExperienceLevel('Junior Developer', '8+ years of experience'), 'junior');
});

test('every answer is one of EXPERIENCE_LEVELS', () => {
  for (const [title] of FROM_TITLE) assert.ok(EXPERIENCE_LEVELS.includes(inferExperienceLevel(title, '')));
});

// The description cues as three separate scans, as the rules read (taxonomy/README.md): the one-pass
// scan in infer-experience-level.ts must answer the same for every text.
const INTERNSHIP = /\b(?:this (?:is an? )?internship|internship (?:position|role|opportunity)|intern position|as an? intern|working student)\b/i;
const ENTRY_LEVEL = /\b(?:entry[- ]level|graduate (?:role|position|programme|program|scheme)|new grads?|recent graduates?|no (?:prior )?experience (?:required|needed)|junior (?:role|position))\b/i;
const YEARS = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b(?:[^.\n]{0,40}?\bexperience|\s+of\b|\s+in\b|\s+with\b)/gi;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

function fromDescriptionInThreeScans(description: string): ExperienceLevel {
  if (INTERNSHIP.test(description)) return 'intern';
  if (ENTRY_LEVEL.test(description)) return 'junior';
  let fewest = Infinity;
  for (const match of description.matchAll(YEARS)) fewest = Math.min(fewest, NUMBER_WORDS[match[1]!.toLowerCase()] ?? Number(match[1]));
  if (fewest === Infinity || fewest > 30) return 'unknown';
  return fewest <= 1 ? 'junior' : fewest <= 4 ? 'mid' : 'senior';
}

test('description cues overlapping each other read as three separate scans read them', () => {
  const cases: Array<[string, ExperienceLevel]> = [
    ['2 years as an intern experience', 'intern'],
    ['5 - 1 years of Java', 'senior'],
    ['3 years of entry level experience', 'junior'],
    ['10 to 2 years with Go, 4 yrs in Rust', 'mid'],
    ['one year of experience, this is an internship', 'intern'],
    ['Seven+ years in   data; new grads welcome', 'junior'],
  ];
  for (const [description, level] of cases) {
    assert.is(fromDescriptionInThreeScans(description), level, description);
    assert.is(inferExperienceLevel('Software Engineer', description), level, description);
  }
});

test('generated descriptions and 20,000 seeded cue-word soups: the one-pass scan agrees with three scans', () => {
  const descriptions = [...createEventGenerator({ seed: 'seniority', count: 2000, chaos: false })].map(
    (record) => (JSON.parse(record.value.toString()) as { payload: { description: string } }).payload.description,
  );
  const vocabulary = [
    'this', 'is', 'an', 'a', 'internship', 'intern', 'position', 'role', 'opportunity', 'as', 'working', 'student', 'entry', 'level',
    'entry-level', 'graduate', 'programme', 'scheme', 'new', 'grad', 'grads', 'recent', 'graduates', 'no', 'prior', 'experience',
    'required', 'needed', 'junior', 'years', 'year', 'yrs', 'yr', 'of', 'in', 'with', 'plus', 'to', '-', '–', '+', '.', ',', '\n',
    'one', 'two', 'five', 'ten', 'Eleven', '0', '1', '3', '12', '45', '100', 'Java', 'x1',
  ];
  const random = seededRandom(11);
  for (let soup = 0; soup < 20_000; soup++) {
    const words = Array.from({ length: 3 + Math.floor(random() * 25) }, () => vocabulary[Math.floor(random() * vocabulary.length)]!);
    descriptions.push(words.join(random() < 0.5 ? ' ' : random() < 0.5 ? '  ' : ''));
  }
  let disagreements = 0;
  for (const description of descriptions) {
    if (inferExperienceLevel('Software Engineer', description) !== fromDescriptionInThreeScans(description)) {
      disagreements += 1;
      if (disagreements <= 3) assert.unreachable(`disagree on ${JSON.stringify(description)}`);
    }
  }
  assert.is(disagreements, 0);
});

test.run();
