/** Hand-made job.postings.v1 events for tests that need exact control over time and content. */
import { createHash } from 'node:crypto';
import type { JobPostingEvent } from '../../core/contract.ts';

/** A UUID-shaped id derived from a name, so tests are repeatable. */
export function eventIdFor(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function postingEvent(name: string, timestamp: string, overrides: Partial<JobPostingEvent['payload']> = {}): JobPostingEvent {
  return {
    event_id: eventIdFor(name),
    timestamp,
    source: 'test',
    payload: {
      job_id: `job-${name}`,
      title: 'Senior Data Engineer',
      company: 'Tech Corp',
      location: 'London, UK',
      description: 'We need Python, Kafka and PostgreSQL experience.',
      is_remote: false,
      ...overrides,
    },
  };
}
