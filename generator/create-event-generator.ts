/**
 * The event generator: an iterator of records (key and value bytes exactly as they go to Kafka)
 * built from a seeded model of job postings, with chaos injected at the configured rates and every
 * injection written to the manifest. Same seed and options → byte-identical records; event time
 * comes from the configured range (backfill, record) or from `now()` (live), never from the clock
 * otherwise. Independent random streams keep postings, ids, times and chaos decisions apart.
 */
import { badTimestamp } from './chaos/bad-timestamp.ts';
import { CHAOS_KINDS, type ChaosKind } from './chaos/chaos-kinds.ts';
import { mistypeField } from './chaos/mistype-field.ts';
import { nonJsonBytes } from './chaos/non-json-bytes.ts';
import { oversizeDescription } from './chaos/oversize-description.ts';
import { removeField } from './chaos/remove-field.ts';
import { toHtml } from './chaos/to-html.ts';
import { untrim } from './chaos/untrim.ts';
import type { GeneratedRecord } from './generated-record.ts';
import { createManifest, type InjectedDetails, type ManifestRecorder } from './manifest.ts';
import { createPostingModel } from './model/create-posting-model.ts';
import { type EventGeneratorOptions, resolveGeneratorOptions } from './options.ts';
import { createRandom } from './random/create-random.ts';
import { createTimeline } from './time/create-timeline.ts';

export interface EventGenerator extends IterableIterator<GeneratedRecord> {
  /** Ground truth of everything emitted so far (see manifest.ts). */
  readonly manifest: ManifestRecorder;
}

const SOURCES = ['linkedin_sim', 'indeed_sim', 'glassdoor_sim', 'company_site_sim', 'stackoverflow_sim'];
const SOURCE_WEIGHTS = [40, 25, 12, 13, 10];
/** Duplicates repeat one of this many most recent records: far ones come 1,000–10,000 records later. */
const DUPLICATE_HORIZON = 10_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const CONTRACT_BREAKING = new Set<ChaosKind>(['non_json', 'bad_timestamp', 'missing_field', 'wrong_type', 'oversized']);

const PAYLOAD_FIELDS = ['payload.job_id', 'payload.title', 'payload.company', 'payload.location', 'payload.description'];

const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

export function createEventGenerator(options: EventGeneratorOptions = {}, manifestOptions: { recordAll?: boolean } = {}): EventGenerator {
  const config = resolveGeneratorOptions(options);
  const root = createRandom(config.seed);
  const model = createPostingModel(root.fork('setup'));
  const postingRandom = root.fork('postings');
  const idRandom = root.fork('ids');
  const timeRandom = root.fork('time');
  const chaosRandom = root.fork('chaos');
  const manifest = createManifest(config.seed, manifestOptions.recordAll ?? false);
  const timeline = config.now === null ? createTimeline(config.startMs, config.spanMs, config.count ?? 0, model.locations.intensity) : null;
  const streamNow = () => (config.now !== null ? config.now() : config.startMs + config.spanMs);
  const rates = config.chaosRates;
  const freshShare = 1 - rates.duplicate - rates.non_json;
  // Per-record probabilities for kinds that only apply to fresh JSON records, so that each kind's
  // share of *all* records is its configured rate.
  const scaled = (kind: ChaosKind) => (freshShare > 0 ? rates[kind] / freshShare : 0);

  const history: GeneratedRecord[] = new Array(DUPLICATE_HORIZON);
  let historySize = 0;
  let historyNext = 0;
  let jobId = 3_000_000_000 + idRandom.int(1_000_000_000);
  let index = 0;

  function remember(record: GeneratedRecord): void {
    history[historyNext] = record;
    historyNext = (historyNext + 1) % DUPLICATE_HORIZON;
    historySize = Math.min(historySize + 1, DUPLICATE_HORIZON);
  }

  function duplicate(): GeneratedRecord {
    const roll = chaosRandom.next();
    const wanted = roll < 0.35 ? 1 : roll < 0.7 ? chaosRandom.between(2, 100) : chaosRandom.between(1_000, DUPLICATE_HORIZON);
    const distance = Math.min(wanted, historySize);
    const original = history[(historyNext - distance + DUPLICATE_HORIZON) % DUPLICATE_HORIZON] as GeneratedRecord;
    const record: GeneratedRecord = { ...original, index, chaos: ['duplicate'] };
    manifest.add(record, { duplicateOf: original.index });
    return record;
  }

  function fresh(nonJson: boolean): GeneratedRecord {
    const eventTimeMs = timeline !== null ? timeline.timeAt(index, timeRandom.next()) : (config.now as () => number)();
    const posting = model.next(postingRandom, eventTimeMs);
    jobId += 1 + idRandom.int(40);
    const jobIdText = String(jobId);
    const eventId = idRandom.uuid();
    const payload: Record<string, unknown> = {
      job_id: jobIdText,
      title: posting.title,
      company: posting.company,
      location: posting.location,
      description: posting.description,
      is_remote: posting.isRemote,
    };
    const event: Record<string, any> = { event_id: eventId, timestamp: isoSeconds(eventTimeMs), source: postingRandom.weighted(SOURCES, SOURCE_WEIGHTS), payload };
    const key = Buffer.from(jobIdText);
    const chaos: ChaosKind[] = [];
    const details: InjectedDetails = {};

    if (nonJson) {
      const bad = nonJsonBytes(chaosRandom, JSON.stringify(event), event as { payload: { job_id: string; title: string; company: string; location: string } });
      const record: GeneratedRecord = { index, key, value: bad.bytes, chaos: ['non_json'], contractValid: false, eventTimeMs, truth: posting.truth };
      manifest.add(record, { nonJsonVariant: bad.variant });
      return record;
    }

    const touched = new Set<string>();
    const timeRoll = chaosRandom.next();
    if (timeRoll < scaled('bad_timestamp')) {
      const bad = badTimestamp(chaosRandom, eventTimeMs);
      event.timestamp = bad.value;
      Object.assign(details, { timestamp: bad.value, timestampVariant: bad.variant });
      chaos.push('bad_timestamp');
    } else if (timeRoll < scaled('bad_timestamp') + scaled('late')) {
      // Half stay within the 2 h allowed lateness (merely out of order), half go past it.
      const lateByMs = chaosRandom.chance(0.5) ? chaosRandom.between(30_000, 2 * HOUR_MS - 1_000) : chaosRandom.between(2 * HOUR_MS + 1_000, 72 * HOUR_MS);
      event.timestamp = isoSeconds(eventTimeMs - lateByMs);
      Object.assign(details, { lateByMs, timestamp: event.timestamp });
      chaos.push('late');
    } else if (timeRoll < scaled('bad_timestamp') + scaled('late') + scaled('future')) {
      const aheadByMs = chaosRandom.chance(0.5) ? chaosRandom.between(6 * MINUTE_MS, 2 * HOUR_MS) : chaosRandom.between(2 * HOUR_MS, 7 * 24 * HOUR_MS);
      event.timestamp = isoSeconds(Math.max(eventTimeMs, streamNow()) + aheadByMs);
      Object.assign(details, { aheadByMs, timestamp: event.timestamp });
      chaos.push('future');
    }
    if (chaos.length > 0) touched.add('timestamp');
    if (chaosRandom.chance(scaled('null_location'))) {
      const variant = chaosRandom.pick(['null', 'empty', 'blank'] as const);
      payload.location = variant === 'null' ? null : variant === 'empty' ? '' : ' ';
      details.locationVariant = variant;
      touched.add('payload.location');
      chaos.push('null_location');
    }
    if (chaosRandom.chance(scaled('html_description'))) {
      payload.description = toHtml(chaosRandom, payload.description as string);
      touched.add('payload.description');
      chaos.push('html_description');
    }
    if (chaosRandom.chance(scaled('oversized'))) {
      payload.description = oversizeDescription(chaosRandom, payload.description as string);
      details.descriptionChars = (payload.description as string).length;
      touched.add('payload.description');
      chaos.push('oversized');
    }
    if (chaosRandom.chance(scaled('missing_is_remote'))) {
      delete payload.is_remote;
      touched.add('payload.is_remote');
      chaos.push('missing_is_remote');
    }
    if (chaosRandom.chance(scaled('untrimmed'))) {
      details.untrimmedFields = untrim(chaosRandom, payload, touched);
      for (const field of details.untrimmedFields) touched.add(field);
      chaos.push('untrimmed');
    }
    if (touched.size > (touched.has('timestamp') ? 1 : 0)) touched.add('payload');
    if (chaosRandom.chance(scaled('wrong_type'))) {
      details.mistypedField = mistypeField(chaosRandom, event, touched);
      touched.add(details.mistypedField);
      if (details.mistypedField.startsWith('payload')) touched.add('payload');
      // A double-encoded payload has no fields left to remove.
      if (details.mistypedField === 'payload') for (const field of PAYLOAD_FIELDS) touched.add(field);
      chaos.push('wrong_type');
    }
    if (chaosRandom.chance(scaled('missing_field'))) {
      details.missingField = removeField(chaosRandom, event, touched);
      chaos.push('missing_field');
    }

    const record: GeneratedRecord = {
      index,
      key,
      value: Buffer.from(JSON.stringify(event)),
      ...(typeof event.event_id === 'string' && { eventId: event.event_id }),
      chaos: CHAOS_KINDS.filter((kind) => chaos.includes(kind)),
      contractValid: !chaos.some((kind) => CONTRACT_BREAKING.has(kind)),
      eventTimeMs,
      truth: posting.truth,
    };
    manifest.add(record, chaos.length > 0 ? details : null);
    if (record.eventId !== undefined && !chaos.includes('oversized')) remember(record);
    return record;
  }

  function nextRecord(): GeneratedRecord {
    const roll = chaosRandom.next();
    if (roll < rates.duplicate) {
      if (historySize > 0) return duplicate();
      return fresh(false);
    }
    return fresh(roll < rates.duplicate + rates.non_json);
  }

  const generator: EventGenerator = {
    manifest,
    next() {
      if (config.count !== null && index >= config.count) return { done: true, value: undefined };
      const record = nextRecord();
      index++;
      return { done: false, value: record };
    },
    [Symbol.iterator]() {
      return generator;
    },
  };
  return generator;
}
