/**
 * Country names → ISO 3166-1 alpha-2, from i18n-iso-countries in the languages job boards use most,
 * plus the codes themselves and the everyday names the library leaves out (UK, Britain, America,
 * Holland). Built once, on first use.
 */
import countries from 'i18n-iso-countries';
import { placeKey, plainPlaceKey } from './place-key.ts';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'nb', 'fi', 'cs', 'ro'];

const EVERYDAY: Record<string, string> = {
  uk: 'GB', 'great britain': 'GB', britain: 'GB', 'united kingdom of great britain and northern ireland': 'GB',
  america: 'US', 'united states of america': 'US', usa: 'US', us: 'US', 'u s': 'US', holland: 'NL',
  'south korea': 'KR', korea: 'KR', 'czech republic': 'CZ', czechia: 'CZ', russia: 'RU', 'hong kong sar': 'HK',
  uae: 'AE', emirates: 'AE', 'ivory coast': 'CI', turkey: 'TR', türkiye: 'TR', vietnam: 'VN',
};

let byName: Map<string, string> | undefined;

export function countryNames(): Map<string, string> {
  if (byName !== undefined) return byName;
  const names = new Map<string, string>();
  const add = (name: string, code: string): void => {
    for (const key of [placeKey(name), plainPlaceKey(name)]) if (key !== '' && !names.has(key)) names.set(key, code);
  };
  for (const [name, code] of Object.entries(EVERYDAY)) add(name, code);
  for (const language of LANGUAGES) {
    const all = countries.getNames(language, { select: 'all' }) as Record<string, string[]>;
    for (const [code, list] of Object.entries(all)) for (const name of list) if (name.length > 3) add(name, code);
  }
  byName = names;
  return names;
}
