/**
 * Reads a corpus file (format: corpus-format.ts) as a stream of records, without holding the file
 * in memory. A damaged file fails with CORPUS_INVALID naming the file and what is wrong.
 */
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { PulseError } from '../../core/errors.ts';
import type { GeneratedRecord } from '../generated-record.ts';
import {
  CORPUS_MAGIC, CORPUS_VERSION, type CorpusHeader, FLAG_EVENT_ID, FLAG_EVENT_TIME, FLAG_KEY, FLAG_VALID, FRAME_END, FRAME_RECORD, chaosKinds,
} from './corpus-format.ts';

export interface CorpusReader extends AsyncIterable<GeneratedRecord> {
  /** The header; resolves once the first bytes are read (or the iteration starts). */
  header(): Promise<CorpusHeader>;
}

class Cursor {
  constructor(public buffer: Buffer, public offset = 0) {}
  has(bytes: number): boolean {
    return this.offset + bytes <= this.buffer.length;
  }
}

/** Parses one record frame at the cursor (type byte already consumed); undefined when incomplete. */
function parseRecord(cursor: Cursor, index: number): GeneratedRecord | undefined {
  const { buffer } = cursor;
  let offset = cursor.offset;
  if (offset + 3 > buffer.length) return undefined;
  const flags = buffer.readUInt8(offset);
  const bits = buffer.readUInt16BE(offset + 1);
  offset += 3;
  let key: Buffer | null = null;
  if ((flags & FLAG_KEY) !== 0) {
    if (offset + 4 > buffer.length) return undefined;
    const length = buffer.readUInt32BE(offset);
    if (offset + 4 + length > buffer.length) return undefined;
    key = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  let eventId: string | undefined;
  if ((flags & FLAG_EVENT_ID) !== 0) {
    if (offset + 1 > buffer.length) return undefined;
    const length = buffer.readUInt8(offset);
    if (offset + 1 + length > buffer.length) return undefined;
    eventId = buffer.toString('utf8', offset + 1, offset + 1 + length);
    offset += 1 + length;
  }
  let eventTimeMs: number | undefined;
  if ((flags & FLAG_EVENT_TIME) !== 0) {
    if (offset + 8 > buffer.length) return undefined;
    eventTimeMs = buffer.readDoubleBE(offset);
    offset += 8;
  }
  if (offset + 4 > buffer.length) return undefined;
  const length = buffer.readUInt32BE(offset);
  if (offset + 4 + length > buffer.length) return undefined;
  const value = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
  cursor.offset = offset + 4 + length;
  return {
    index,
    key,
    value,
    ...(eventId !== undefined && { eventId }),
    chaos: chaosKinds(bits),
    contractValid: (flags & FLAG_VALID) !== 0,
    ...(eventTimeMs !== undefined && { eventTimeMs }),
  };
}

export function readCorpus(file: string): CorpusReader {
  const invalid = (what: string) => new PulseError('CORPUS_INVALID', `${file}: ${what}`);

  async function* records(onHeader?: (header: CorpusHeader) => void): AsyncGenerator<GeneratedRecord> {
    if (!fs.existsSync(file)) throw invalid('no such file');
    const stream = fs.createReadStream(file).pipe(createGunzip());
    let cursor = new Cursor(Buffer.alloc(0));
    let header: CorpusHeader | undefined;
    let index = 0;
    let ended = false;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        cursor = new Cursor(Buffer.concat([cursor.buffer.subarray(cursor.offset), chunk]));
        if (header === undefined) {
          const preamble = CORPUS_MAGIC.length + 1 + 4;
          if (!cursor.has(preamble)) continue;
          if (!cursor.buffer.subarray(0, CORPUS_MAGIC.length).equals(CORPUS_MAGIC)) throw invalid('not a corpus file (bad magic)');
          const version = cursor.buffer.readUInt8(CORPUS_MAGIC.length);
          if (version !== CORPUS_VERSION) throw invalid(`unsupported corpus version ${version} (this build reads ${CORPUS_VERSION})`);
          const length = cursor.buffer.readUInt32BE(CORPUS_MAGIC.length + 1);
          if (!cursor.has(preamble + length)) continue;
          try {
            header = JSON.parse(cursor.buffer.toString('utf8', preamble, preamble + length)) as CorpusHeader;
          } catch {
            throw invalid('header is not JSON');
          }
          onHeader?.(header);
          cursor.offset = preamble + length;
        }
        while (cursor.has(1)) {
          if (ended) throw invalid('data after the end frame');
          const type = cursor.buffer.readUInt8(cursor.offset);
          if (type === FRAME_END) {
            if (!cursor.has(5)) break;
            const count = cursor.buffer.readUInt32BE(cursor.offset + 1);
            if (count !== index) throw invalid(`end frame says ${count} records, read ${index}`);
            cursor.offset += 5;
            ended = true;
            continue;
          }
          if (type !== FRAME_RECORD) throw invalid(`unknown frame type ${type} after ${index} records`);
          const inner = new Cursor(cursor.buffer, cursor.offset + 1);
          const record = parseRecord(inner, index);
          if (record === undefined) break;
          cursor.offset = inner.offset;
          index++;
          yield record;
        }
      }
    } catch (error) {
      if (error instanceof PulseError) throw error;
      throw invalid(`cannot be read (${(error as Error).message})`);
    }
    if (header === undefined) throw invalid('too short for a corpus header');
    if (!ended) throw invalid(`cut short after ${index} records (no end frame)`);
  }

  return {
    [Symbol.asyncIterator]: () => records(),
    async header() {
      return await new Promise<CorpusHeader>((resolve, reject) => {
        const iterator = records(resolve);
        // Pull until the header is known, then stop reading.
        iterator.next().then(() => iterator.return(undefined)).catch(reject);
      });
    },
  };
}
