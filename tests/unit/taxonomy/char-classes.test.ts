import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UNNORMALISED_CLASS, buildCharClasses, nfkcUnstableCodeUnits } from '../../../taxonomy/matcher/char-classes.ts';

const unstable = nfkcUnstableCodeUnits();
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

test('every code unit left out of the NFKC set is in NFKC form alone and after a base character', () => {
  // The scan skips normalising text made only of such code units, so none may change or compose.
  const bases = ['a', 'e', 'A', 'o', 'u', 'i', '\u1100', '\u0915', '\u0b15', '\u0d15', '\u1025', '\u1b05', '\u3042', '\u304b', '\uac00'];
  const changed: string[] = [];
  for (let code = 0; code < 65536; code++) {
    if (unstable[code] === 1 || isSurrogate(code)) continue;
    const char = String.fromCharCode(code);
    if (char.normalize('NFKC') !== char) changed.push(code.toString(16));
    for (const base of bases) if (unstable[base.charCodeAt(0)] === 0 && (base + char).normalize('NFKC') !== base + char) changed.push(`${base}+${code.toString(16)}`);
  }
  assert.equal(changed.slice(0, 10), []);
});

test('the NFKC set holds what normalising changes: widths, ligatures, no-break spaces, marks, pairs', () => {
  for (const char of ['Ｐ', 'ﬁ', '\u00a0', '…', '™', '\u0301', '\u1161', '\ud835']) assert.is(unstable[char.charCodeAt(0)], 1, `U+${char.charCodeAt(0).toString(16)}`);
  for (const char of ['a', '–', '•', '€', 'é', 'ü', 'ł', 'д', '中']) assert.is(unstable[char.charCodeAt(0)], 0, char);
});

test('NFKC characters get their own class unless an alias uses them', () => {
  const classes = buildCharClasses(['i\u0307x', 'go']);
  assert.is(classes.classOf['Ｇ'.charCodeAt(0)], UNNORMALISED_CLASS);
  assert.is(classes.classOf[0x0307], classes.normalisedClassOf[0x0307]);
  assert.is.not(classes.normalisedClassOf['Ｇ'.charCodeAt(0)], UNNORMALISED_CLASS);
  assert.is(classes.classOf['g'.charCodeAt(0)], classes.normalisedClassOf['g'.charCodeAt(0)]);
});

test.run();
