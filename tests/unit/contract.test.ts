import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeIssues, validateEvent } from '../../core/contract.ts';

const DESIGN_EXAMPLE = {
  event_id: '0b6c1f36-5c1e-4a57-9d0f-2c3b8f7a9e11',
  timestamp: '2024-03-15T10:30:00Z',
  source: 'linkedin_sim',
  payload: {
    job_id: '123456',
    title: 'Senior Data Engineer',
    company: 'Tech Corp',
    location: 'London, UK',
    description: 'We need Spark, Kafka, and Python …',
    is_remote: true,
  },
};

function withChange(change: (event: Record<string, any>) => void): unknown {
  const event = structuredClone(DESIGN_EXAMPLE) as Record<string, any>;
  change(event);
  return event;
}

test('accepts the DESIGN.md example', () => {
  const result = validateEvent(DESIGN_EXAMPLE);
  assert.ok(result.ok);
});

test('accepts a null location and a missing is_remote', () => {
  const result = validateEvent(withChange((event) => {
    event.payload.location = null;
    delete event.payload.is_remote;
  }));
  assert.ok(result.ok);
});

const MALFORMED: Array<[string, (event: Record<string, any>) => void, string]> = [
  ['event_id missing', (event) => delete event.event_id, 'event_id'],
  ['event_id not a UUID', (event) => (event.event_id = 'not-a-uuid'), 'event_id'],
  ['timestamp missing', (event) => delete event.timestamp, 'timestamp'],
  ['timestamp without zone', (event) => (event.timestamp = '2024-03-15T10:30:00'), 'timestamp'],
  ['timestamp as a number', (event) => (event.timestamp = 1710498600), 'timestamp'],
  ['timestamp on February 30th', (event) => (event.timestamp = '2024-02-30T10:30:00Z'), 'timestamp'],
  ['timestamp at hour 25', (event) => (event.timestamp = '2024-03-15T25:30:00Z'), 'timestamp'],
  ['source empty', (event) => (event.source = ''), 'source'],
  ['payload missing', (event) => delete event.payload, 'payload'],
  ['payload a string', (event) => (event.payload = 'x'), 'payload'],
  ['job_id a number', (event) => (event.payload.job_id = 123456), 'payload.job_id'],
  ['title missing', (event) => delete event.payload.title, 'payload.title'],
  ['title empty', (event) => (event.payload.title = ''), 'payload.title'],
  ['company a boolean', (event) => (event.payload.company = true), 'payload.company'],
  ['location a number', (event) => (event.payload.location = 42), 'payload.location'],
  ['description missing', (event) => delete event.payload.description, 'payload.description'],
  ['description over 1 MB', (event) => (event.payload.description = 'x'.repeat(1_000_001)), 'payload.description'],
  ['is_remote a string', (event) => (event.payload.is_remote = 'yes'), 'payload.is_remote'],
];

for (const [name, change, field] of MALFORMED) {
  test(`rejects ${name}, naming ${field}`, () => {
    const result = validateEvent(withChange(change));
    assert.not.ok(result.ok);
    if (result.ok) return;
    const fields = result.issues.map((issue) => issue.field);
    assert.equal(fields, [field], `issues were: ${describeIssues(result.issues)}`);
  });
}

test('rejects a non-object with one issue on the whole event', () => {
  for (const value of [null, 'text', 42, [1, 2]]) {
    const result = validateEvent(value);
    assert.not.ok(result.ok);
    if (!result.ok) assert.equal(result.issues[0]?.field, '(event)');
  }
});

test('describes a bad UUID in words, not as a regular expression', () => {
  const result = validateEvent(withChange((event) => (event.event_id = 'x')));
  assert.not.ok(result.ok);
  if (!result.ok) assert.is(describeIssues(result.issues), 'event_id: must be a UUID (8-4-4-4-12 hex digits)');
});

test.run();
