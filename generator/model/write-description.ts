/**
 * The body of a posting, laid out like a real ad (about 1.5–2 KB): a company intro, the role, what
 * you will do, requirements as a bullet list, nice-to-haves, sometimes a stack line, benefits, and
 * a closing line. All prose is the generator's own sentences, written without skill words (Faker's
 * lorem and hacker phrases would smuggle in "SQL" or "Go"); skills enter only through the skill
 * writer, so the posting's skill list is exact ground truth.
 */
import type { Random } from '../random/create-random.ts';
import type { Company } from './create-company-pool.ts';
import type { PostingLocation } from './create-location-model.ts';
import { createSkillWriter } from './create-skill-writer.ts';
import type { RoleFamily } from './roles.ts';
import type { Seniority } from './seniority.ts';

export interface DescriptionInput {
  company: Company;
  family: RoleFamily;
  seniority: Seniority;
  title: string;
  location: PostingLocation;
  /** Skills the requirements ask for (the first may also appear in duties and the title). */
  required: readonly string[];
  niceToHave: readonly string[];
  recruiter: string;
}

export interface Description {
  text: string;
  /** Skill ids the text mentions. */
  skills: Set<string>;
}

const MISSIONS = [
  'make everyday money simpler', 'move goods across the world with less waste', 'help people find care faster',
  'make travel less stressful', 'give small businesses the tools big ones have', 'help teachers spend more time teaching',
  'cut the carbon footprint of buildings', 'keep companies safe from online threats', 'make insurance fair and easy to understand',
  'bring fresh food to more people', 'help teams hire the right people', 'make legal help affordable', 'power the next generation of games',
];
const CUSTOMERS = ['small businesses', 'hospitals and clinics', 'online retailers', 'banks and lenders', 'millions of travellers', 'schools', 'energy suppliers', 'logistics companies', 'public sector teams', 'creators'];
const ROLE_HEADERS = ['About the role', 'The role', 'The opportunity', 'About the job'];
const DUTY_HEADERS = ["What you'll do", 'Responsibilities', 'Key responsibilities', 'Your impact', 'What you will be doing'];
const REQUIREMENT_HEADERS = ["What we're looking for", 'Requirements', 'About you', 'Must have', 'Who you are', 'Qualifications'];
const NICE_HEADERS = ['Nice to have', 'Bonus points', 'Nice-to-haves', 'It would be great if you have'];
const BENEFIT_HEADERS = ['What we offer', 'Benefits', 'Perks & benefits', 'Why join us'];
const BULLETS = ['- ', '• ', '* ', '– '];
const SOFT_REQUIREMENTS = [
  'Excellent written and spoken communication in English',
  'A product mindset: you care about why we build something, not only how',
  'Comfort with ambiguity and the judgement to prioritise',
  'A degree in computer science or a related field, or equivalent practical experience',
  'You enjoy mentoring others and learning from them',
  'Ownership: you finish what you start and ask for help early',
];
const TEAM_SENTENCES = [
  'The team is small, senior and friendly, with a product manager and a designer embedded.',
  'We ship small changes many times a day and review every change together.',
  'We value clear writing, calm on-call rotations and a sustainable pace.',
  'You will report to the head of the department and meet with them every week.',
  'We plan in six-week cycles and leave room for improvements the team cares about.',
  'Decisions are made in writing, so everyone can follow and contribute across time zones.',
  'New joiners get a buddy and a structured first month, so you can make an impact quickly.',
];
const PROCESS_SENTENCES = [
  'Our hiring process: a short intro call, a practical exercise based on real work, a conversation with the team and a final chat with leadership.',
  'We aim to give you an answer within two weeks of your first interview, and feedback at every stage.',
  'Tell us in your application about something you built or improved that you are proud of.',
];
const EXTRA_NICE = ['Contributions to open-source projects', 'Experience in a fast-growing start-up', 'Experience in a regulated industry'];

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function salaryRange(random: Random, input: DescriptionInput): string {
  const [low, high] = input.seniority.salaryUsd;
  const factor = input.location.countryInfo.salaryFactor;
  const step = factor >= 50 ? 100_000 : 1_000;
  const round = (value: number) => Math.round((value * factor * (0.9 + random.next() * 0.2)) / step) * step;
  const currency = input.location.countryInfo.currency;
  return `${currency}${groupThousands(round(low))} - ${currency}${groupThousands(round(high))}`;
}

export function writeDescription(random: Random, input: DescriptionInput): Description {
  const writer = createSkillWriter(random);
  const bullet = random.pick(BULLETS);
  const headerStyle = random.int(3);
  const header = (text: string) => (headerStyle === 0 ? `${text}:` : headerStyle === 1 ? text.toUpperCase() : `**${text}**`);
  const section = (title: string, lines: readonly string[]) => `${header(title)}\n${lines.map((line) => `${bullet}${line}`).join('\n')}`;
  const { company, family, location } = input;
  const cityName = location.city.names[0] as string;
  const countries = company.countries.length;

  const intro = [
    random.pick([
      `${company.name} is a ${company.industry} company founded in ${company.foundedYear}.`,
      `At ${company.name}, we build ${company.industry} products that ${random.pick(MISSIONS)}.`,
      `${company.name} helps ${random.pick(CUSTOMERS)} ${random.pick(MISSIONS).replace(/^make /, 'make ')}.`,
    ]),
    random.pick([
      `Our mission is to ${random.pick(MISSIONS)}, and we are only getting started.`,
      `Today more than ${groupThousands(company.size)} people work with us${countries > 1 ? ` across ${countries} countries` : ''}.`,
      `We are a team of about ${groupThousands(company.size)} people who care about craft, kindness and impact.`,
    ]),
    random.pick([
      'We are backed by investors who share our long-term view, and we are growing fast.',
      'We are profitable, independent and growing steadily year after year.',
      'Our customers trust us with work that matters to them, and we take that seriously.',
    ]),
  ].join(' ');

  const placeSentence =
    location.workplace === 'remote'
      ? 'This is a fully remote position; we meet in person a few times a year.'
      : location.workplace === 'hybrid'
        ? `We work in a hybrid model with ${random.between(2, 3)} days a week in our ${cityName} office.`
        : `The role is based in our ${cityName} office.`;
  const team = random.pick(family.teams);
  const about = `${header(random.pick(ROLE_HEADERS))}\nWe are looking for a ${input.title.trim()} to join our ${team} team. ${placeSentence} You will work closely with people across engineering, product and design, and you will have real ownership from your first week.\n${random.sample(TEAM_SENTENCES, 2).join(' ')}`;

  const duties = random.sample(family.duties, random.between(4, 6)).map((duty) => {
    if (!duty.includes('{skill}')) return duty;
    const candidates = input.required.filter((skillId) => writer.hasPlainForm(skillId));
    // No unambiguous form available: keep the duty general rather than write "in Go" loosely.
    if (candidates.length === 0) return duty.replace(/ (with|in) \{skill\}$/, '').replace(/ \{skill\}/, '');
    return duty.replace('{skill}', writer.form(random.pick(candidates), false) as string);
  });

  const [minYears, maxYears] = input.seniority.years;
  const years = random.between(minYears, maxYears);
  const requirements: string[] = [];
  if (years > 0) {
    requirements.push(random.pick([
      `${years}+ years of professional experience in a similar role`,
      `At least ${years} years of hands-on experience${family.id === 'sales' || family.id === 'marketing' || family.id === 'operations' ? '' : ' building and shipping software'}`,
      `${years}+ years of relevant experience`,
    ]));
  } else {
    requirements.push('Currently studying towards a degree, or graduated in the last year');
  }
  const pending = [...input.required];
  while (pending.length > 0) {
    const take = Math.min(pending.length, random.between(1, 3));
    const group = pending.splice(0, take);
    if (group.length === 1) {
      const only = group[0] as string;
      requirements.push(random.pick([
        `Hands-on experience with ${writer.form(only, true)}`,
        `Strong experience with ${writer.form(only, true)}`,
        `Professional experience with ${writer.form(only, true)} in production`,
        `Solid working knowledge of ${writer.form(only, true)}`,
      ]));
    } else {
      requirements.push(random.pick([
        `Strong experience with ${writer.list(group)}`,
        `Solid knowledge of ${writer.list(group)}`,
        `Proficiency in ${writer.list(group)}`,
        `You are comfortable working with ${writer.list(group)}`,
        `Production experience with ${writer.list(group)}`,
      ]));
    }
  }
  requirements.push(...random.sample(SOFT_REQUIREMENTS, random.between(1, 2)));

  const nice: string[] = input.niceToHave.map((skillId) =>
    random.pick([
      `Experience with ${writer.form(skillId, true)}`,
      `Exposure to ${writer.form(skillId, true)}`,
      `Familiarity with ${writer.form(skillId, true)} is a plus`,
      `Knowledge of ${writer.form(skillId, true)}`,
    ]),
  );
  if (nice.length === 0 || random.chance(0.3)) nice.push(random.pick(EXTRA_NICE));

  const stackSkills = [...input.required, ...input.niceToHave];
  const stack =
    stackSkills.length >= 3 && random.chance(0.4)
      ? `${random.pick(['Our stack', 'Tech stack', 'Tools we use'])}: ${writer.list(random.sample(stackSkills, Math.min(6, stackSkills.length)))}.`
      : null;

  const benefits = random.sample([
    `${salaryRange(random, input)} per year${random.chance(0.4) ? ', plus equity' : ''}`,
    `${random.between(25, 33)} days of paid holiday`,
    'Private health insurance for you and your family',
    `A yearly learning budget for courses, books and conferences`,
    'Flexible working hours',
    `Parental leave of up to ${random.between(16, 26)} weeks`,
    'Pension matching',
    'A home office setup allowance',
    'Regular team off-sites',
  ], random.between(4, 6));
  // The salary line goes first when it was drawn, as most ads do.
  benefits.sort((a, b) => Number(/\d{2},\d{3}/.test(b)) - Number(/\d{2},\d{3}/.test(a)));

  const closing = random.pick([
    `${company.name} is an equal opportunity employer. We welcome applicants of every background, identity and experience.`,
    'Not sure you meet every requirement? Apply anyway, we would love to hear from you.',
    `Questions? Write to ${input.recruiter}, who will guide you through our ${random.between(3, 4)}-step interview process.`,
  ]);

  const process = random.chance(0.6) ? random.pick(PROCESS_SENTENCES) : null;
  const parts = [
    intro,
    about,
    section(random.pick(DUTY_HEADERS), duties),
    section(random.pick(REQUIREMENT_HEADERS), requirements),
    section(random.pick(NICE_HEADERS), nice),
    ...(stack !== null ? [stack] : []),
    section(random.pick(BENEFIT_HEADERS), benefits),
    ...(process !== null ? [process] : []),
    closing,
  ];
  return { text: parts.join('\n\n'), skills: writer.mentioned };
}
