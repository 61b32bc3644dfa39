/** Writes records to a corpus file (format: corpus-format.ts), streaming through gzip. */
import fs from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import type { GeneratedRecord } from '../generated-record.ts';
import { CORPUS_MAGIC, CORPUS_VERSION, type CorpusHeader, FRAME_END, encodeRecordFrame } from './corpus-format.ts';

/** Frames are gathered into chunks of about this size before compression: fewer, larger writes. */
const CHUNK_BYTES = 1 << 20;

export interface WriteCorpusResult {
  records: number;
  /** Uncompressed bytes of keys and values. */
  payloadBytes: number;
  fileBytes: number;
}

export async function writeCorpus(
  file: string,
  records: Iterable<GeneratedRecord> | AsyncIterable<GeneratedRecord>,
  header: Record<string, unknown> = {},
): Promise<WriteCorpusResult> {
  const gzip = createGzip({ level: 6 });
  const done = pipeline(gzip, fs.createWriteStream(file));
  const write = async (chunk: Buffer) => {
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };
  const headerJson = Buffer.from(JSON.stringify({ ...header, format: 'talent-pulse/corpus@1' } satisfies CorpusHeader));
  const preamble = Buffer.alloc(CORPUS_MAGIC.length + 1 + 4);
  CORPUS_MAGIC.copy(preamble, 0);
  preamble.writeUInt8(CORPUS_VERSION, CORPUS_MAGIC.length);
  preamble.writeUInt32BE(headerJson.length, CORPUS_MAGIC.length + 1);
  await write(Buffer.concat([preamble, headerJson]));

  let count = 0;
  let payloadBytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const record of records) {
    const frame = encodeRecordFrame(record);
    pending.push(frame);
    pendingBytes += frame.length;
    count++;
    payloadBytes += record.value.length + (record.key?.length ?? 0);
    if (pendingBytes >= CHUNK_BYTES) {
      await write(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    }
  }
  const end = Buffer.alloc(5);
  end.writeUInt8(FRAME_END, 0);
  end.writeUInt32BE(count, 1);
  pending.push(end);
  gzip.end(Buffer.concat(pending));
  await done;
  return { records: count, payloadBytes, fileBytes: fs.statSync(file).size };
}
