import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEventGenerator } from '../../../generator/create-event-generator.ts';
import { skillDemand } from '../../../generator/model/skill-demand.ts';
import { SKILLS } from '../../../generator/model/skills.ts';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2025, 2, 3);

test('long-term trends: LLMs rise over a year, PHP falls (same phase of the waves)', () => {
  // 365 days is not a whole number of wave periods; compare yearly averages of daily samples.
  const average = (skill: string, from: number) => {
    let sum = 0;
    for (let day = 0; day < 60; day++) sum += skillDemand(skill, 'na', from + day * DAY_MS);
    return sum / 60;
  };
  assert.ok(average('llm', T0 + 365 * DAY_MS) / average('llm', T0) > 2, 'llm should more than double in a year');
  assert.ok(average('php', T0 + 365 * DAY_MS) / average('php', T0) < 0.8, 'php should fall by a fifth in a year');
});

test('within 24 hours some skills climb and some fall, and regions differ', () => {
  const ratios = SKILLS.map((skill) => skillDemand(skill.id, 'uk', T0 + DAY_MS) / skillDemand(skill.id, 'uk', T0));
  assert.ok(ratios.filter((ratio) => ratio > 1.1).length >= 5, 'at least 5 skills up by 10%+');
  assert.ok(ratios.filter((ratio) => ratio < 0.9).length >= 5, 'at least 5 skills down by 10%+');
  assert.ok(skillDemand('angular', 'india', T0) / skillDemand('angular', 'na', T0) !== 1);
  assert.is(skillDemand('java', 'india', T0), skillDemand('java', 'india', T0));
});

test('backfill event times follow the daily cycle: weekday working hours busier than nights and weekends', () => {
  const byHour = new Array(24).fill(0);
  let weekend = 0;
  // 2025-03-03 is a Monday: 7 days cover a full week.
  for (const record of createEventGenerator({ seed: 'cycle', count: 50_000, startTime: T0, spanMs: 7 * DAY_MS, chaos: false })) {
    const time = new Date(record.eventTimeMs as number);
    byHour[time.getUTCHours()]++;
    if (time.getUTCDay() === 0 || time.getUTCDay() === 6) weekend++;
  }
  // 14:00 UTC is working time in Europe and the US east coast; 01:00 UTC is night in both (though daytime in Asia).
  assert.ok(byHour[14] > 2 * byHour[1], `14h: ${byHour[14]}, 01h: ${byHour[1]}`);
  assert.ok(weekend < 0.15 * 50_000, `${weekend} weekend postings of 50,000`);
});

test.run();
