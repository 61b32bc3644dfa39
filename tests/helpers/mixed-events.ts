/**
 * A seeded stream of records with the troubles the processor must handle: duplicates (soon after
 * and far apart), late events, events out of order, unreadable records. Deterministic for a seed.
 */
import type { OutgoingMessage } from '../../core/kafka/types.ts';
import { postingEvent } from './events.ts';
import { seededRandom } from './seeded-random.ts';

const DESCRIPTIONS = [
  'We need Python, Kafka and PostgreSQL experience.',
  'Build services in Go and Kubernetes (k8s) on AWS.',
  'React, TypeScript and Node.js for our web app.',
  'Spark, Airflow and SQL for the data platform; Snowflake a plus.',
  'C++ and Rust systems programming, Linux, Git.',
];
const LOCATIONS = ['London, UK', 'Berlin, Germany', 'San Francisco, CA', 'Toronto, ON', 'Remote - EU', 'Paris, France', null];

/** `count` records whose event time walks forward from `startIso` over about `spanHours`. */
export function mixedRecords(seed: number, count: number, startIso: string, spanHours: number): OutgoingMessage[] {
  const random = seededRandom(seed);
  const start = Date.parse(startIso);
  const records: OutgoingMessage[] = [];
  const sent: OutgoingMessage[] = [];
  for (let index = 0; index < count; index += 1) {
    const roll = random();
    if (roll < 0.05 && sent.length > 0) {
      // A duplicate: the exact bytes of an earlier record, recent or far back.
      const earlier = sent[Math.floor(random() * sent.length)]!;
      records.push({ ...earlier });
      continue;
    }
    if (roll < 0.07) {
      records.push({ key: `bad-${seed}-${index}`, value: Buffer.from(`{"event_id": broken ${index}`) });
      continue;
    }
    const progress = (index / count) * spanHours * 3_600_000;
    let eventTime = start + progress + (random() - 0.5) * 20 * 60_000;
    if (roll < 0.1) eventTime -= (1 + random() * 4) * 3_600_000; // 1–5 h behind: some late, some not
    const name = `${seed}-${index}`;
    const event = postingEvent(name, new Date(eventTime).toISOString(), {
      description: DESCRIPTIONS[Math.floor(random() * DESCRIPTIONS.length)]!,
      location: LOCATIONS[Math.floor(random() * LOCATIONS.length)]!,
    });
    const message = { key: event.payload.job_id, value: JSON.stringify(event) };
    records.push(message);
    sent.push(message);
  }
  return records;
}
