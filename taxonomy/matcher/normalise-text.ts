/**
 * Normalises posting text for matching: HTML tags (with script/style bodies and comments) become
 * spaces, character references are decoded (stripMarkup), and the text is put in Unicode NFKC form
 * (full-width letters, ligatures, no-break spaces). The matcher runs NFKC only when its scan reads a
 * character NFKC may change (char-classes.ts); case and whitespace runs are folded by its character
 * classes in the same pass that matches, so no copy of the text is made for them. Each step runs
 * only when the text can need it: plain ASCII text without `<` or `&` is returned as it is.
 */
import { decodeEntities } from './decode-entities.ts';

// Tags start with a letter or '/', so "a < b" and "<3" are left alone.
const MARKUP = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?[A-Za-z][^<>]*>/g;
const NON_ASCII = /[^\x00-\x7f]/;

export function stripMarkup(raw: string): string {
  let text = raw;
  if (text.indexOf('<') !== -1) text = text.replace(MARKUP, ' ');
  if (text.indexOf('&') !== -1) text = decodeEntities(text);
  return text;
}

export function normaliseNfkc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKC') : text;
}

export function normaliseText(raw: string): string {
  return normaliseNfkc(stripMarkup(raw));
}
