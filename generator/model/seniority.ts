/**
 * Seniority levels and how titles show them. Mid-level postings usually carry no cue at all, as in
 * real ads; the others use the words recruiters use ("Sr.", "Graduate", "Head of …").
 */
export type SeniorityLevel = 'intern' | 'junior' | 'mid' | 'senior' | 'staff' | 'lead' | 'principal' | 'head';

export interface Seniority {
  level: SeniorityLevel;
  weight: number;
  /** Title patterns: `{title}` is the base title, `{area}` the role family's area. */
  patterns: readonly string[];
  /** Years of experience a requirements section asks for: [min, max]. */
  years: readonly [number, number];
  /** Salary in US dollars per year before the country's factor: [low, high]. */
  salaryUsd: readonly [number, number];
}

export const SENIORITIES: readonly Seniority[] = [
  { level: 'intern', weight: 3, patterns: ['{title} Intern', 'Intern - {title}', '{title} Internship', 'Summer Intern, {title}'], years: [0, 0], salaryUsd: [30_000, 50_000] },
  { level: 'junior', weight: 12, patterns: ['Junior {title}', 'Jr. {title}', 'Graduate {title}', 'Junior {title}', 'Associate {title}'], years: [0, 2], salaryUsd: [55_000, 85_000] },
  { level: 'mid', weight: 34, patterns: ['{title}', '{title}', '{title} II', 'Mid-level {title}'], years: [2, 5], salaryUsd: [85_000, 130_000] },
  { level: 'senior', weight: 30, patterns: ['Senior {title}', 'Sr. {title}', 'Senior {title}', '{title} (Senior)', 'Senior {title}'], years: [5, 8], salaryUsd: [130_000, 190_000] },
  { level: 'staff', weight: 5, patterns: ['Staff {title}', 'Senior Staff {title}'], years: [8, 12], salaryUsd: [180_000, 260_000] },
  { level: 'lead', weight: 8, patterns: ['Lead {title}', '{title} Lead', 'Tech Lead, {title}', 'Team Lead - {title}'], years: [6, 10], salaryUsd: [150_000, 220_000] },
  { level: 'principal', weight: 4, patterns: ['Principal {title}', 'Principal {title}'], years: [10, 15], salaryUsd: [200_000, 300_000] },
  { level: 'head', weight: 4, patterns: ['Head of {area}', 'Head of {area}', 'Director of {area}', 'VP of {area}'], years: [10, 15], salaryUsd: [200_000, 320_000] },
];
