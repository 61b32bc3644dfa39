/**
 * One job posting at a given event time: role family, seniority, location, company, skills
 * (weighted by the family, the region's demand and the skill's trend at that time), the title and
 * the description. Returns the posting with its ground truth (skills mentioned, seniority, country)
 * so tests downstream can check what the processor extracted.
 */
import type { Random } from '../random/create-random.ts';
import { createCompanyPool } from './create-company-pool.ts';
import { createLocationModel, type LocationModel, type Workplace } from './create-location-model.ts';
import { findSkillWords } from './find-skill-words.ts';
import { ROLE_FAMILIES, type RoleFamily } from './roles.ts';
import { SENIORITIES, type SeniorityLevel } from './seniority.ts';
import { skillDemand } from './skill-demand.ts';
import { SKILLS_BY_ID } from './skills.ts';
import { writeDescription } from './write-description.ts';

export interface PostingTruth {
  /** Canonical skill ids mentioned in the title or description, sorted. */
  skills: string[];
  seniority: SeniorityLevel;
  roleFamily: string;
  /** ISO country code, or null for remote postings open to a wider area. */
  country: string | null;
  city: string;
  workplace: Workplace;
  remoteScope: string | null;
}

export interface Posting {
  title: string;
  company: string;
  location: string;
  description: string;
  isRemote: boolean;
  truth: PostingTruth;
}

export interface PostingModel {
  next(random: Random, eventTimeMs: number): Posting;
  readonly locations: LocationModel;
}

const FAMILY_WEIGHTS = ROLE_FAMILIES.map((family) => family.weight);
const SENIORITY_WEIGHTS = SENIORITIES.map((seniority) => seniority.weight);
const NON_TECH = new Set(['sales', 'marketing', 'operations', 'product', 'design']);
const RECRUITERS = ['Alex', 'Sam', 'Priya', 'Jonas', 'Maria', 'Chen', 'Fatima', 'Liam', 'Sofia', 'Kenji', 'Amara', 'Lucas', 'Elena', 'Omar', 'Hannah', 'Mateo', 'Aisha', 'Noah', 'Ingrid', 'Diego', 'our recruiting team'];

/** Weighted draw of `count` distinct skills. */
function drawSkills(random: Random, demand: Map<string, number>, count: number): string[] {
  const ids = [...demand.keys()];
  const weights = ids.map((id) => demand.get(id) as number);
  let total = weights.reduce((sum, weight) => sum + weight, 0);
  const chosen: string[] = [];
  while (chosen.length < count && total > 0) {
    let target = random.next() * total;
    let index = -1;
    let lastLive = -1;
    for (let i = 0; i < ids.length; i++) {
      const weight = weights[i] as number;
      if (weight <= 0) continue;
      lastLive = i;
      target -= weight;
      if (target < 0) {
        index = i;
        break;
      }
    }
    // Float rounding can leave the target just past the end: take the last live entry.
    if (index < 0) index = lastLive;
    if (index < 0) break;
    chosen.push(ids[index] as string);
    total -= weights[index] as number;
    weights[index] = 0;
  }
  return chosen;
}

/** The title, and the skill it names when it names one ("Senior Golang Engineer"). */
function titleFor(random: Random, family: RoleFamily, pattern: string, demand: Map<string, number>): { title: string; skillId: string | null } {
  let base = random.pick(family.titles);
  let skillId: string | null = null;
  const candidates = (family.titleSkills ?? []).filter((id) => SKILLS_BY_ID.get(id)?.titleForms !== undefined);
  if (family.skillTitles !== undefined && candidates.length > 0 && pattern.includes('{title}') && random.chance(0.3)) {
    skillId = random.weighted(candidates, candidates.map((id) => demand.get(id) ?? 0.2));
    const form = random.pick(SKILLS_BY_ID.get(skillId)?.titleForms ?? []);
    base = random.pick(family.skillTitles).replace('{skill}', form);
  }
  return { title: pattern.replace('{title}', base).replace('{area}', family.area), skillId };
}

export function createPostingModel(setupRandom: Random): PostingModel {
  const companies = createCompanyPool(setupRandom.fork('companies'));
  const locations = createLocationModel();

  return {
    locations,
    next(random, eventTimeMs) {
      const family = random.weighted(ROLE_FAMILIES, FAMILY_WEIGHTS);
      const seniority = random.weighted(SENIORITIES, SENIORITY_WEIGHTS);
      const location = locations.pick(random, eventTimeMs);
      const company = companies.pick(random, location.city.country);
      const region = location.countryInfo.macroRegion;
      const demand = new Map<string, number>();
      for (const [skillId, affinity] of Object.entries(family.skills)) {
        if (affinity > 0) demand.set(skillId, affinity * skillDemand(skillId, region, eventTimeMs));
      }
      const tech = !NON_TECH.has(family.id);
      const requiredCount = tech ? random.between(3, 6) : random.between(1, 2);
      const { title, skillId: titleSkill } = titleFor(random, family, random.pick(seniority.patterns), demand);
      if (titleSkill !== null) demand.delete(titleSkill);
      const required = drawSkills(random, demand, titleSkill !== null ? requiredCount - 1 : requiredCount);
      if (titleSkill !== null) required.unshift(titleSkill);
      for (const skillId of required) demand.delete(skillId);
      const niceToHave = drawSkills(random, demand, tech ? random.between(1, 3) : random.between(0, 1));
      const description = writeDescription(random, {
        company, family, seniority, title, location, required, niceToHave, recruiter: random.pick(RECRUITERS),
      });
      const skills = new Set(description.skills);
      for (const word of findSkillWords(title)) skills.add(word.skillId);
      return {
        title,
        company: company.name,
        location: location.text,
        description: description.text,
        isRemote: location.isRemote,
        truth: {
          skills: [...skills].sort(),
          seniority: seniority.level,
          roleFamily: family.id,
          country: location.country,
          city: location.city.names[0] as string,
          workplace: location.workplace,
          remoteScope: location.remoteScope,
        },
      };
    },
  };
}
