/**
 * The employers: a fixed pool of fictional companies made once per seed with Faker (names) and the
 * generator's own PRNG (industry, size, offices). A few large companies post a lot, many small ones
 * post a little, as on real job boards. Names that happen to contain a skill word ("Swift & Sons")
 * are skipped so that only the posting's own text names skills.
 */
import { Faker, base, en } from '@faker-js/faker';
import type { Random } from '../random/create-random.ts';
import { COUNTRIES } from './countries.ts';
import { findSkillWords } from './find-skill-words.ts';

export interface Company {
  name: string;
  industry: string;
  /** Employees, roughly. */
  size: number;
  foundedYear: number;
  /** Country codes with offices; the first is headquarters. */
  countries: readonly string[];
  weight: number;
}

export interface CompanyPool {
  /** A company hiring in `country`, by weight; a global employer when no local one exists. */
  pick(random: Random, country: string): Company;
  all: readonly Company[];
}

const INDUSTRIES = [
  'fintech', 'healthtech', 'e-commerce', 'logistics', 'travel', 'insurance', 'edtech', 'climate tech', 'cybersecurity',
  'developer tools', 'media streaming', 'gaming', 'retail', 'mobility', 'energy', 'real estate', 'telecoms', 'biotech',
  'food delivery', 'HR software', 'legal tech', 'marketplace', 'advertising', 'banking', 'consulting',
];
const NAME_SUFFIXES = ['Labs', 'Technologies', 'Systems', 'Software', 'Group', 'Health', 'Digital', 'Analytics', 'Works', 'Bank', 'Logistics', 'Energy'];
const COMPANY_COUNT = 400;

export function createCompanyPool(random: Random): CompanyPool {
  const faker = new Faker({ locale: [en, base] });
  // Faker's own generator, seeded from ours: names follow the run's seed, nothing else does.
  faker.seed(random.int(2 ** 31));
  const countryCodes = COUNTRIES.map((country) => country.code);
  const countryWeights = COUNTRIES.map((country) => country.weight);
  const companies: Company[] = [];
  const seen = new Set<string>();
  while (companies.length < COMPANY_COUNT) {
    const name = random.chance(0.5) ? faker.company.name() : `${faker.person.lastName()} ${random.pick(NAME_SUFFIXES)}`;
    if (seen.has(name) || findSkillWords(name).length > 0) continue;
    seen.add(name);
    const headquarters = random.weighted(countryCodes, countryWeights);
    const officeCount = random.chance(0.25) ? random.between(2, 6) : 1;
    const offices = new Set([headquarters]);
    while (offices.size < officeCount) offices.add(random.weighted(countryCodes, countryWeights));
    // Zipf-like: the rank decides how much a company hires.
    const rank = companies.length + 1;
    companies.push({
      name,
      industry: random.pick(INDUSTRIES),
      size: Math.round(20 * 10 ** (random.next() * 3.5)),
      foundedYear: random.between(1985, 2023),
      countries: [...offices],
      weight: 1 / rank ** 0.8,
    });
  }
  const byCountry = new Map<string, { companies: Company[]; weights: number[] }>();
  for (const company of companies) {
    for (const country of company.countries) {
      const entry = byCountry.get(country) ?? { companies: [], weights: [] };
      entry.companies.push(company);
      entry.weights.push(company.weight);
      byCountry.set(country, entry);
    }
  }
  const global = { companies, weights: companies.map((company) => company.weight) };
  return {
    all: companies,
    pick(pickRandom, country) {
      const local = byCountry.get(country);
      const pool = local !== undefined && pickRandom.chance(0.85) ? local : global;
      return pickRandom.weighted(pool.companies, pool.weights);
    },
  };
}
