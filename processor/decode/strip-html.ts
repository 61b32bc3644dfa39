/** Plain text from text that may hold HTML: tags become spaces, common entities are decoded. */
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const TAG = /<\/?[a-zA-Z!][^>]*>/g;
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g;

export function looksLikeHtml(text: string): boolean {
  // includes() first: it is a plain search, far cheaper than a regex over text with neither.
  if (text.includes('<')) return /<\/?[a-zA-Z!][^>]*>/.test(text);
  return text.includes('&') && /&(#\d|#x|[a-zA-Z]{2,6};)/.test(text);
}

export function stripHtml(text: string): string {
  return text
    .replace(TAG, ' ')
    .replace(ENTITY, (entity, body: string) => {
      if (body.startsWith('#x')) return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? entity;
      if (body.startsWith('#')) return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? entity;
      return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    })
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function safeCodePoint(codePoint: number): string | undefined {
  return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
}
