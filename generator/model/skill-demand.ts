/**
 * How much a skill is asked for, relative to its usual level, in a region at a moment. Demand
 * differs by region (Java and Angular in India, C# and Azure in the UK…) and drifts as a smooth
 * function of event time, so the dashboard has real movement to show:
 *  - a long-term trend (per year, bounded) — LLMs, Rust and dbt rise; PHP, Rails and Angular fade;
 *  - two waves per skill and region, one of several days and one of about a day, whose phases
 *    differ by region, so within any 24 hours some skills climb while others fall.
 * Pure and deterministic: a function of (skill, region, time) only, never of the seed.
 */
import type { MacroRegion } from './countries.ts';

const YEAR_MS = 365.25 * 86_400_000;
const DAY_MS = 86_400_000;
/** Trends are measured from here; bounded to ±3 years so old or far-future runs stay sane. */
const TREND_ORIGIN_MS = Date.UTC(2025, 0, 1);

/** Growth per year as a log factor: 0.5 ≈ ×1.65 a year, −0.3 ≈ ×0.74 a year. */
const YEARLY_TREND: Record<string, number> = {
  llm: 0.9, rust: 0.45, pytorch: 0.35, dbt: 0.35, snowflake: 0.3, terraform: 0.25, kubernetes: 0.2,
  typescript: 0.25, go: 0.25, 'machine-learning': 0.15, flink: 0.2, gcp: 0.1, airflow: 0.1,
  php: -0.35, 'ruby-on-rails': -0.3, ruby: -0.3, angular: -0.25, mysql: -0.15, tensorflow: -0.25,
  tableau: -0.15, javascript: -0.1, jira: -0.05, selenium: -0.2, '.net': -0.05, scala: -0.15,
};

const REGIONAL: Partial<Record<MacroRegion, Record<string, number>>> = {
  na: { aws: 1.3, react: 1.2, go: 1.2, python: 1.1, snowflake: 1.3, llm: 1.3, 'c#': 0.8 },
  uk: { 'c#': 1.5, '.net': 1.5, azure: 1.4, typescript: 1.2, react: 1.2, php: 0.8 },
  'eu-west': { python: 1.1, vue: 1.6, php: 1.4, kubernetes: 1.1, kotlin: 1.2 },
  dach: { java: 1.4, spring: 1.4, kotlin: 1.3, kubernetes: 1.2, azure: 1.2, 'c++': 1.3 },
  nordics: { kotlin: 1.5, scala: 1.4, react: 1.2, typescript: 1.3, gcp: 1.3 },
  'eu-east': { java: 1.3, '.net': 1.3, 'c#': 1.3, 'c++': 1.3, php: 1.3, selenium: 1.4 },
  mena: { 'c++': 1.4, python: 1.2, 'machine-learning': 1.3, rust: 1.4 },
  india: { java: 1.6, spring: 1.7, angular: 1.8, '.net': 1.3, selenium: 1.6, 'power-bi': 1.3, react: 1.1, go: 0.8 },
  apac: { java: 1.3, go: 1.4, kubernetes: 1.3, aws: 1.2, 'c++': 1.2, swift: 1.3 },
  latam: { react: 1.4, 'node.js': 1.5, javascript: 1.4, php: 1.5, ruby: 1.3, 'ruby-on-rails': 1.4 },
  africa: { php: 1.4, javascript: 1.3, 'node.js': 1.3, excel: 1.3, python: 1.1 },
};

/** A stable number in [0, 1) from a string: phases and periods per skill and region. */
function unitHash(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0) / 4294967296;
}

interface Waves {
  base: number;
  slowRadPerMs: number;
  slowPhase: number;
  fastRadPerMs: number;
  fastPhase: number;
}

// Periods and phases depend only on (skill, region): hash them once, not on every posting.
const wavesCache = new Map<string, Waves>();

function wavesFor(skillId: string, region: MacroRegion): Waves {
  const key = `${skillId}|${region}`;
  let waves = wavesCache.get(key);
  if (waves === undefined) {
    waves = {
      base: REGIONAL[region]?.[skillId] ?? 1,
      slowRadPerMs: (2 * Math.PI) / ((3 + 5 * unitHash(`${key}|p`)) * DAY_MS),
      slowPhase: 2 * Math.PI * unitHash(`${key}|a`),
      fastRadPerMs: (2 * Math.PI) / ((0.8 + 0.6 * unitHash(`${key}|q`)) * DAY_MS),
      fastPhase: 2 * Math.PI * unitHash(`${key}|b`),
    };
    wavesCache.set(key, waves);
  }
  return waves;
}

export function skillDemand(skillId: string, region: MacroRegion, timeMs: number): number {
  const years = Math.max(-3, Math.min(3, (timeMs - TREND_ORIGIN_MS) / YEAR_MS));
  const trend = (YEARLY_TREND[skillId] ?? 0) * years;
  const waves = wavesFor(skillId, region);
  const slow = 0.45 * Math.sin(waves.slowRadPerMs * timeMs + waves.slowPhase);
  const fast = 0.2 * Math.sin(waves.fastRadPerMs * timeMs + waves.fastPhase);
  return waves.base * Math.exp(trend + slow + fast);
}
