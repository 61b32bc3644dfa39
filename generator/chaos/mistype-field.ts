/**
 * Gives one field a value of the wrong type, the way loosely typed producers do: numeric ids as
 * numbers, booleans as "yes", a structured location object, the payload double-encoded as a string.
 */
import type { Random } from '../random/create-random.ts';

type Mistype = (random: Random, event: Record<string, any>) => void;

const MISTYPES: ReadonlyArray<readonly [string, Mistype]> = [
  ['event_id', (random, event) => (event.event_id = random.between(1, 2 ** 31))],
  ['source', (random, event) => (event.source = random.pick([7, true, ['linkedin_sim']]))],
  ['payload', (_random, event) => (event.payload = JSON.stringify(event.payload))],
  ['payload.job_id', (_random, event) => (event.payload.job_id = Number(event.payload.job_id))],
  ['payload.title', (_random, event) => (event.payload.title = [event.payload.title])],
  ['payload.company', (random, event) => (event.payload.company = random.pick([true, 0, { name: event.payload.company }]))],
  ['payload.location', (random, event) => (event.payload.location = random.pick([42, { city: 'London', country: 'UK' }, ['Berlin', 'Remote']]))],
  ['payload.description', (_random, event) => (event.payload.description = String(event.payload.description).split('\n\n'))],
  ['payload.is_remote', (random, event) => (event.payload.is_remote = random.pick(['yes', 'true', 1, 'Remote', 'no']))],
];

/**
 * Changes `event` in place; returns the dotted path of the mistyped field. `exclude` names fields
 * other chaos already changed (and `payload` when any payload field was), so kinds never collide.
 */
export function mistypeField(random: Random, event: Record<string, any>, exclude: ReadonlySet<string>): string {
  const [field, apply] = random.pick(MISTYPES.filter(([candidate]) => !exclude.has(candidate)));
  apply(random, event);
  return field;
}
