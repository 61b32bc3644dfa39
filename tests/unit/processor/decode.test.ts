import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeRecord } from '../../../processor/decode/decode-record.ts';
import { parseTimestamp } from '../../../processor/decode/parse-timestamp.ts';
import { stripHtml } from '../../../processor/decode/strip-html.ts';

const RECORD_TIME = Date.parse('2024-03-15T11:00:00Z');
const GOOD = {
  event_id: '0b6c1f36-5c1e-4a57-9d0f-2c3b8f7a9e11',
  timestamp: '2024-03-15T10:30:00Z',
  source: 'linkedin_sim',
  payload: {
    job_id: '123456',
    title: 'Senior Data Engineer',
    company: 'Tech Corp',
    location: 'London, UK',
    description: 'We need Spark, Kafka, and Python.',
    is_remote: true,
  },
};

function encode(value: unknown): Buffer {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
}

function changed(change: (event: Record<string, any>) => void): Buffer {
  const event = structuredClone(GOOD) as Record<string, any>;
  change(event);
  return encode(event);
}

test('timestamps: RFC 3339 as is, other readable forms repaired, the rest refused', () => {
  const ms = Date.parse('2024-03-15T10:30:00Z');
  assert.equal(parseTimestamp('2024-03-15T10:30:00Z'), { ok: true, epochMs: ms, repaired: false });
  assert.equal(parseTimestamp('2024-03-15T12:30:00+02:00'), { ok: true, epochMs: ms, repaired: false });
  assert.equal(parseTimestamp(ms / 1000), { ok: true, epochMs: ms, repaired: true });
  assert.equal(parseTimestamp(ms), { ok: true, epochMs: ms, repaired: true });
  assert.equal(parseTimestamp(String(ms / 1000)), { ok: true, epochMs: ms, repaired: true });
  assert.equal(parseTimestamp('Fri, 15 Mar 2024 10:30:00 +0000'), { ok: true, epochMs: ms, repaired: true });
  assert.equal(parseTimestamp('2024-03-15T10:30:00'), { ok: true, epochMs: ms, repaired: true });
  assert.equal(parseTimestamp('2024-03-15 10:30:00'), { ok: true, epochMs: ms, repaired: true });
  assert.equal(parseTimestamp(' 2024-03-15T10:30:00Z '), { ok: true, epochMs: ms, repaired: true });
  for (const bad of ['yesterday', '', '2024-13-45T99:00:00Z', 'NaN', null, {}, [], true, 12, Number.NaN, '1e400', 4102444800001]) {
    assert.equal(parseTimestamp(bad), { ok: false }, `accepted ${JSON.stringify(bad)}`);
  }
});

test('HTML is turned into plain text', () => {
  assert.is(stripHtml('<p>Use <b>Node.js</b> &amp; C#</p>'), 'Use Node.js & C#');
  assert.is(stripHtml('a&#39;b &#x41; &nbsp;c'), "a'b A c");
  assert.is(stripHtml('x < y and 2 > 1'), 'x < y and 2 > 1');
});

test('a good record decodes unchanged, with no repairs', () => {
  const result = decodeRecord(encode(GOOD), RECORD_TIME);
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.value.event, GOOD);
  assert.equal(result.value.repairs, []);
  assert.is(result.value.eventTimeMs, Date.parse('2024-03-15T10:30:00Z'));
});

const REPAIRABLE: Array<[string, (event: Record<string, any>) => void, string[], (event: any) => void]> = [
  ['epoch seconds', (e) => (e.timestamp = 1710498600), ['TIMESTAMP_FORMAT'], (e) => assert.is(e.timestamp, '2024-03-15T10:30:00.000Z')],
  ['untrimmed title', (e) => (e.payload.title = '  Senior Data Engineer \n'), ['TRIMMED'], (e) => assert.is(e.payload.title, 'Senior Data Engineer')],
  ['HTML description', (e) => (e.payload.description = '<ul><li>Spark</li><li>Kafka</li></ul>'), ['HTML_STRIPPED'], (e) => assert.is(e.payload.description, 'Spark Kafka')],
  ['missing is_remote', (e) => delete e.payload.is_remote, ['IS_REMOTE_INFERRED'], (e) => assert.is(e.payload.is_remote, undefined)],
  ['is_remote "false"', (e) => (e.payload.is_remote = 'false'), ['IS_REMOTE_COERCED'], (e) => assert.is(e.payload.is_remote, false)],
  ['numeric job_id', (e) => (e.payload.job_id = 123456), ['JOB_ID_COERCED'], (e) => assert.is(e.payload.job_id, '123456')],
  ['missing location', (e) => delete e.payload.location, ['LOCATION_DEFAULTED'], (e) => assert.is(e.payload.location, null)],
  ['missing source', (e) => delete e.source, ['SOURCE_DEFAULTED'], (e) => assert.is(e.source, 'unknown')],
  ['a lone surrogate in the title', (e) => (e.payload.title = 'Data \ud800 Engineer'), ['UNICODE_REPAIRED'], (e) => assert.is(e.payload.title, 'Data \ufffd Engineer')],
  ['a lone low surrogate in the location', (e) => (e.payload.location = 'Berlin \udc00'), ['UNICODE_REPAIRED'], (e) => assert.is(e.payload.location, 'Berlin \ufffd')],
  ['a lone surrogate after a paired one in the description', (e) => (e.payload.description = 'Rust 🙂 and \ud83d.'), ['UNICODE_REPAIRED'], (e) => assert.is(e.payload.description, 'Rust 🙂 and \ufffd.')],
];

test('a backslash before a "u" is no escape: such text needs no repair', () => {
  const result = decodeRecord(changed((e) => (e.payload.description = 'Paths like C:\\users\\unix and \\u0041 stay as written')), RECORD_TIME);
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.value.repairs, []);
  assert.is(result.value.event.payload.description, 'Paths like C:\\users\\unix and \\u0041 stay as written');
});

for (const [name, change, repairs, check] of REPAIRABLE) {
  test(`repairs ${name} and records it`, () => {
    const result = decodeRecord(changed(change), RECORD_TIME);
    assert.ok(result.ok, JSON.stringify(result));
    if (!result.ok) return;
    assert.equal(result.value.repairs, repairs);
    check(result.value.event);
  });
}

const REJECTED: Array<[string, Buffer | null, string]> = [
  ['a tombstone', null, 'EMPTY_RECORD'],
  ['empty bytes', Buffer.alloc(0), 'EMPTY_RECORD'],
  ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'NOT_UTF8'],
  ['non-JSON text', encode('{"event_id": '), 'NOT_JSON'],
  ['a JSON array', encode('[1,2]'), 'NOT_OBJECT'],
  ['a JSON string', encode('"hello"'), 'NOT_OBJECT'],
  ['missing event_id', changed((e) => delete e.event_id), 'MISSING_FIELD'],
  ['event_id a number', changed((e) => (e.event_id = 7)), 'WRONG_TYPE'],
  ['event_id not a UUID', changed((e) => (e.event_id = 'abc')), 'INVALID_EVENT_ID'],
  ['missing timestamp', changed((e) => delete e.timestamp), 'MISSING_FIELD'],
  ['garbage timestamp', changed((e) => (e.timestamp = 'last tuesday')), 'BAD_TIMESTAMP'],
  ['a timestamp 6 min ahead of the record', changed((e) => (e.timestamp = '2024-03-15T11:06:00Z')), 'FUTURE_TIMESTAMP'],
  ['missing payload', changed((e) => delete e.payload), 'MISSING_FIELD'],
  ['payload an array', changed((e) => (e.payload = [])), 'WRONG_TYPE'],
  ['missing title', changed((e) => delete e.payload.title), 'MISSING_FIELD'],
  ['blank title', changed((e) => (e.payload.title = '   ')), 'MISSING_FIELD'],
  ['title a number', changed((e) => (e.payload.title = 42)), 'WRONG_TYPE'],
  ['company an object', changed((e) => (e.payload.company = { name: 'x' })), 'WRONG_TYPE'],
  ['location a number', changed((e) => (e.payload.location = 5)), 'WRONG_TYPE'],
  ['is_remote "maybe"', changed((e) => (e.payload.is_remote = 'maybe')), 'WRONG_TYPE'],
  ['a description over 1,000,000 characters', changed((e) => (e.payload.description = 'x'.repeat(1_000_001))), 'OVERSIZED'],
  ['a title over 512 characters', changed((e) => (e.payload.title = 'x'.repeat(600))), 'CONTRACT_VIOLATION'],
];

for (const [name, bytes, reason] of REJECTED) {
  test(`sends ${name} to the DLQ as ${reason}`, () => {
    const result = decodeRecord(bytes, RECORD_TIME);
    assert.not.ok(result.ok);
    if (!result.ok) {
      assert.is(result.reason, reason);
      assert.ok(result.message.length > 0);
    }
  });
}

test('a timestamp exactly at the allowed skew is accepted', () => {
  const result = decodeRecord(changed((e) => (e.timestamp = '2024-03-15T11:05:00Z')), RECORD_TIME);
  assert.ok(result.ok);
});

test('records above the byte limit are refused unread', () => {
  const result = decodeRecord(Buffer.alloc(100, 0x20), RECORD_TIME, { maxRecordBytes: 99, maxFutureSkewMs: 0 });
  assert.equal(result.ok ? 'ok' : result.reason, 'OVERSIZED');
});

test('deeply nested JSON does not crash the decoder', () => {
  const deep = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  const result = decodeRecord(deep, RECORD_TIME);
  assert.not.ok(result.ok);
});

test.run();
