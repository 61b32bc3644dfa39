/**
 * A plain-text description as the HTML many job boards send: paragraphs, headings, lists,
 * entities, inline styles, and the odd script or comment left in by a CMS. Only markup is added:
 * the visible text (and so every skill mention) stays the same.
 */
import type { Random } from '../random/create-random.ts';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const BULLET = /^(- |• |\* |– )/;
const JUNK = [
  '<script>window.dataLayer=window.dataLayer||[];dataLayer.push({event:"job_view"});</script>',
  '<!-- imported from ATS, do not edit -->',
  '<style>.job-desc p{margin:0 0 8px}</style>',
  '<img src="https://example.com/pixel.gif" width="1" height="1" alt="">',
];

export function toHtml(random: Random, text: string): string {
  const blocks = text.split('\n\n').map((block) => {
    const lines = block.split('\n');
    const out: string[] = [];
    let inList = false;
    for (const line of lines) {
      if (BULLET.test(line)) {
        if (!inList) out.push('<ul>');
        inList = true;
        out.push(`<li>${escape(line.replace(BULLET, ''))}</li>`);
        continue;
      }
      if (inList) out.push('</ul>');
      inList = false;
      const isHeading = lines.length > 1 && line === lines[0];
      out.push(isHeading ? `<h3>${escape(line.replace(/\*\*/g, ''))}</h3>` : `<p>${escape(line).replace(/\. /g, random.chance(0.2) ? '.&nbsp; ' : '. ')}</p>`);
    }
    if (inList) out.push('</ul>');
    return out.join('');
  });
  const body = blocks.join(random.chance(0.5) ? '\n' : '<br>');
  const junk = random.chance(0.5) ? random.pick(JUNK) : '';
  return `<div class="job-desc" style="font-family:Arial,sans-serif">${junk}${body}</div>`;
}
