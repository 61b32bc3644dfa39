/** Leaves out one required field of the event (top level or payload). */
import type { Random } from '../random/create-random.ts';

const FIELDS = [
  'event_id', 'timestamp', 'source', 'payload',
  'payload.job_id', 'payload.title', 'payload.company', 'payload.location', 'payload.description',
] as const;

/** Changes `event` in place; returns the removed field's dotted path. `exclude`: see mistypeField. */
export function removeField(random: Random, event: Record<string, unknown>, exclude: ReadonlySet<string>): string {
  const field = random.pick(FIELDS.filter((candidate) => !exclude.has(candidate)));
  const [head, tail] = field.split('.') as [string, string | undefined];
  if (tail === undefined) delete event[head];
  else delete (event.payload as Record<string, unknown>)[tail];
  return field;
}
