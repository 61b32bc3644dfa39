/**
 * Record values that are not a JSON document, in the ways real producers get it wrong. Every
 * variant fails `JSON.parse` of the value read as UTF-8.
 */
import { gzipSync } from 'node:zlib';
import type { Random } from '../random/create-random.ts';

export interface NonJson {
  bytes: Buffer;
  variant: string;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `json` is the event as it would have been sent; `event` the same object. */
export function nonJsonBytes(random: Random, json: string, event: { payload: { job_id: string; title: string; company: string; location: string | null } }): NonJson {
  const { payload } = event;
  switch (random.int(8)) {
    case 0: {
      // Cut somewhere inside: a proper prefix of an object is never a whole JSON document.
      const cut = Math.max(1, Math.floor(json.length * (0.1 + 0.8 * random.next())));
      return { bytes: Buffer.from(json.slice(0, cut)), variant: 'truncated' };
    }
    case 1: {
      const bytes = Buffer.alloc(random.between(16, 512));
      for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(256);
      bytes[0] = 0xff; // never valid UTF-8, so never accidentally a JSON number
      return { bytes, variant: 'binary' };
    }
    case 2:
      return {
        bytes: Buffer.from(`<?xml version="1.0"?><job><id>${payload.job_id}</id><title>${xmlEscape(payload.title)}</title><company>${xmlEscape(payload.company)}</company></job>`),
        variant: 'xml',
      };
    case 3:
      return { bytes: Buffer.from(`job_id,title,company\n${payload.job_id},"${payload.title}","${payload.company}"\n`), variant: 'csv' };
    case 4:
      return { bytes: Buffer.from(`${payload.title} at ${payload.company} - ${payload.location ?? 'unknown'}`), variant: 'plain_text' };
    case 5:
      return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), variant: 'utf16' };
    case 6:
      return { bytes: gzipSync(json), variant: 'gzip' };
    default:
      return { bytes: Buffer.from(`${json}${json}`), variant: 'two_events_glued' };
  }
}
