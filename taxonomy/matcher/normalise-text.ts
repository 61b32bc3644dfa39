/**
 * Removes markup from posting text before matching: HTML tags (with script/style bodies and
 * comments) become spaces and character references are decoded; text without `<` or `&` is returned
 * as it is. The rest of the normalising happens in the matcher: NFKC only when its scan reads a
 * character NFKC may change (char-classes.ts), case and whitespace runs through its character
 * classes in the same pass that matches, so no copy of the text is made for them.
 */
import { decodeEntities } from './decode-entities.ts';

// Tags start with a letter or '/', so "a < b" and "<3" are left alone.
const MARKUP = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?[A-Za-z][^<>]*>/g;

export function stripMarkup(raw: string): string {
  let text = raw;
  if (text.indexOf('<') !== -1) text = text.replace(MARKUP, ' ');
  if (text.indexOf('&') !== -1) text = decodeEntities(text);
  return text;
}
