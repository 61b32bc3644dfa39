/**
 * Experience level from a posting (rules and examples in taxonomy/README.md#experience-level).
 * The title decides when it says anything: intern, then executive, principal, lead, senior, mid,
 * junior words, checked in that order so "Senior Engineering Manager" is lead and "Head of Data" is
 * executive. Roman numerals after a role ("Engineer II") count too. Otherwise the description's cues
 * decide: internship or graduate/entry-level wording, then the smallest "N+ years" of experience
 * asked for (0–1 junior, 2–4 mid, 5+ senior). Nothing found: `unknown`.
 */
import type { ExperienceLevel } from '../../core/enriched-row.ts';

const TITLE_RULES: ReadonlyArray<[ExperienceLevel, RegExp]> = [
  ['intern', /\b(?:intern|internship|trainee|apprentice(?:ship)?|werkstudent(?:in)?|working student|co-?op|placement student|praktikum|praktikant(?:in)?)\b/i],
  ['executive', /\b(?:chief \w+ officer|c[teiofm]o|ciso|vp|svp|evp|vice president|head of|director|managing director)\b/i],
  ['principal', /\b(?:principal|staff|distinguished|fellow)\b/i],
  ['lead', /\b(?:lead|leader|team ?lead|tech ?lead|engineering manager|development manager|software manager|manager,? engineering|chapter lead)\b/i],
  ['senior', /\b(?:senior|sr\.?|snr|experienced|expert)\b|\b(?:engineer|developer|analyst|scientist) (?:iii|iv|3|4)\b/i],
  ['mid', /\b(?:mid|mid-?level|mid-?senior|intermediate|medior|regular)\b|\b(?:engineer|developer|analyst|scientist) (?:ii|2)\b/i],
  ['junior', /\b(?:junior|jr\.?|entry[- ]level|graduate|grad|new grad|associate)\b|\b(?:engineer|developer|analyst|scientist) (?:i|1)\b/i],
];

const INTERNSHIP = String.raw`this (?:is an? )?internship|internship (?:position|role|opportunity)|intern position|as an? intern|working student`;
const ENTRY_LEVEL = String.raw`entry[- ]level|graduate (?:role|position|programme|program|scheme)|new grads?|recent graduates?|no (?:prior )?experience (?:required|needed)|junior (?:role|position)`;
// "5+ years", "3-5 years", "at least 2 years", "two years" … of experience.
const YEARS = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b(?:[^.\n]{0,40}?\bexperience|\s+of\b|\s+in\b|\s+with\b)`;
/**
 * All three description cues in one pass over the text (three passes cost twice as much on a long
 * description). Groups: 1 internship, 2 entry level, 3 the number of a years phrase. After a years
 * phrase the scan resumes one character after its start, so a cue inside it is still found, and a
 * years phrase that starts inside the previous one is skipped, as a scan for years alone would.
 * The cues' first words differ, so no two cues start at the same place.
 */
const DESCRIPTION_CUES = new RegExp(String.raw`\b(?:(${INTERNSHIP})\b|(${ENTRY_LEVEL})\b|${YEARS})`, 'gi');
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** How many characters of the description are read for cues; requirements come early. */
const DESCRIPTION_WINDOW = 20_000;

/** Internship wording, else graduate/entry-level wording, else the fewest years asked for. */
function fromDescription(description: string): ExperienceLevel | undefined {
  let entryLevel = false;
  let fewestYears = Infinity;
  let yearsPhraseEnd = 0;
  DESCRIPTION_CUES.lastIndex = 0;
  for (let match = DESCRIPTION_CUES.exec(description); match !== null; match = DESCRIPTION_CUES.exec(description)) {
    if (match[1] !== undefined) return 'intern';
    if (match[2] !== undefined) {
      entryLevel = true;
      continue;
    }
    DESCRIPTION_CUES.lastIndex = match.index + 1;
    if (match.index < yearsPhraseEnd) continue;
    yearsPhraseEnd = match.index + match[0].length;
    const raw = match[3]!.toLowerCase();
    fewestYears = Math.min(fewestYears, WORDS[raw] ?? Number(raw));
  }
  if (entryLevel) return 'junior';
  if (fewestYears === Infinity || fewestYears > 30) return undefined;
  return fewestYears <= 1 ? 'junior' : fewestYears <= 4 ? 'mid' : 'senior';
}

export function inferExperienceLevel(title: string, description: string): ExperienceLevel {
  // "Mid/Senior" and "Junior/Mid" titles take the higher level: the rules run from high to low.
  for (const [level, pattern] of TITLE_RULES) if (pattern.test(title)) return level;
  const text = description.length > DESCRIPTION_WINDOW ? description.slice(0, DESCRIPTION_WINDOW) : description;
  return fromDescription(text) ?? 'unknown';
}
