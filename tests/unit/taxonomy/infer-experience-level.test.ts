import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXPERIENCE_LEVELS, type ExperienceLevel } from '../../../core/enriched-row.ts';
import { inferExperienceLevel } from '../../../taxonomy/seniority/infer-experience-level.ts';

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

test.run();
