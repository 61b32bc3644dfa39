/**
 * Decodes HTML character references. Named references cover what job boards actually emit
 * (punctuation, quotes, spaces, Latin letters with accents are rare and left as they are);
 * numeric references cover the rest. An unknown name is left untouched.
 */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', bull: '•', middot: '·', rsquo: '’', lsquo: '‘', ldquo: '“',
  rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£',
  plus: '+', num: '#', sol: '/', period: '.', comma: ',', colon: ':', semi: ';', lpar: '(', rpar: ')',
  shy: '', zwj: '', zwnj: '',
};

const REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;

function decodeOne(whole: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
}

export function decodeEntities(text: string): string {
  return text.replace(REFERENCE, decodeOne);
}
