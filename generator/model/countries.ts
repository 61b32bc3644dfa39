/**
 * Countries the generator posts jobs in: how postings name them, their UTC offset (standard time;
 * daylight saving is ignored, an hour off in summer is fine for daily cycles), the macro region
 * used for regional skill demand, hiring weight, currency and a salary level relative to the US.
 */
export type MacroRegion = 'na' | 'uk' | 'eu-west' | 'dach' | 'nordics' | 'eu-east' | 'mena' | 'india' | 'apac' | 'latam' | 'africa';

export interface Country {
  /** ISO 3166-1 alpha-2, lower case. */
  code: string;
  /** Ways postings name the country, most common first. */
  names: readonly string[];
  utcOffsetHours: number;
  macroRegion: MacroRegion;
  weight: number;
  currency: string;
  salaryFactor: number;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'us', names: ['USA', 'United States', 'US', 'U.S.'], utcOffsetHours: -6, macroRegion: 'na', weight: 30, currency: '$', salaryFactor: 1 },
  { code: 'gb', names: ['UK', 'United Kingdom', 'England', 'GB'], utcOffsetHours: 0, macroRegion: 'uk', weight: 9, currency: '£', salaryFactor: 0.6 },
  { code: 'de', names: ['Germany', 'DE', 'Deutschland'], utcOffsetHours: 1, macroRegion: 'dach', weight: 7, currency: '€', salaryFactor: 0.6 },
  { code: 'ca', names: ['Canada', 'CA'], utcOffsetHours: -5, macroRegion: 'na', weight: 4, currency: 'CA$', salaryFactor: 0.8 },
  { code: 'in', names: ['India', 'IN'], utcOffsetHours: 5.5, macroRegion: 'india', weight: 8, currency: '₹', salaryFactor: 20 },
  { code: 'fr', names: ['France', 'FR'], utcOffsetHours: 1, macroRegion: 'eu-west', weight: 4, currency: '€', salaryFactor: 0.5 },
  { code: 'nl', names: ['Netherlands', 'The Netherlands', 'NL'], utcOffsetHours: 1, macroRegion: 'eu-west', weight: 3, currency: '€', salaryFactor: 0.55 },
  { code: 'ie', names: ['Ireland', 'IE'], utcOffsetHours: 0, macroRegion: 'eu-west', weight: 2, currency: '€', salaryFactor: 0.6 },
  { code: 'es', names: ['Spain', 'ES', 'España'], utcOffsetHours: 1, macroRegion: 'eu-west', weight: 2.5, currency: '€', salaryFactor: 0.4 },
  { code: 'pt', names: ['Portugal', 'PT'], utcOffsetHours: 0, macroRegion: 'eu-west', weight: 1.5, currency: '€', salaryFactor: 0.35 },
  { code: 'it', names: ['Italy', 'IT', 'Italia'], utcOffsetHours: 1, macroRegion: 'eu-west', weight: 1.5, currency: '€', salaryFactor: 0.4 },
  { code: 'be', names: ['Belgium', 'BE'], utcOffsetHours: 1, macroRegion: 'eu-west', weight: 1, currency: '€', salaryFactor: 0.5 },
  { code: 'ch', names: ['Switzerland', 'CH', 'Schweiz'], utcOffsetHours: 1, macroRegion: 'dach', weight: 1.5, currency: 'CHF ', salaryFactor: 0.9 },
  { code: 'at', names: ['Austria', 'AT', 'Österreich'], utcOffsetHours: 1, macroRegion: 'dach', weight: 1, currency: '€', salaryFactor: 0.5 },
  { code: 'se', names: ['Sweden', 'SE'], utcOffsetHours: 1, macroRegion: 'nordics', weight: 1.5, currency: 'SEK ', salaryFactor: 6 },
  { code: 'dk', names: ['Denmark', 'DK'], utcOffsetHours: 1, macroRegion: 'nordics', weight: 1, currency: 'DKK ', salaryFactor: 4.5 },
  { code: 'no', names: ['Norway', 'NO'], utcOffsetHours: 1, macroRegion: 'nordics', weight: 0.8, currency: 'NOK ', salaryFactor: 6.5 },
  { code: 'fi', names: ['Finland', 'FI'], utcOffsetHours: 2, macroRegion: 'nordics', weight: 0.8, currency: '€', salaryFactor: 0.5 },
  { code: 'pl', names: ['Poland', 'PL', 'Polska'], utcOffsetHours: 1, macroRegion: 'eu-east', weight: 2.5, currency: 'PLN ', salaryFactor: 1.5 },
  { code: 'cz', names: ['Czech Republic', 'Czechia', 'CZ'], utcOffsetHours: 1, macroRegion: 'eu-east', weight: 1, currency: 'CZK ', salaryFactor: 8 },
  { code: 'ro', names: ['Romania', 'RO'], utcOffsetHours: 2, macroRegion: 'eu-east', weight: 1, currency: '€', salaryFactor: 0.3 },
  { code: 'ua', names: ['Ukraine', 'UA'], utcOffsetHours: 2, macroRegion: 'eu-east', weight: 1, currency: '$', salaryFactor: 0.4 },
  { code: 'hu', names: ['Hungary', 'HU'], utcOffsetHours: 1, macroRegion: 'eu-east', weight: 0.7, currency: '€', salaryFactor: 0.3 },
  { code: 'ee', names: ['Estonia', 'EE'], utcOffsetHours: 2, macroRegion: 'eu-east', weight: 0.5, currency: '€', salaryFactor: 0.4 },
  { code: 'il', names: ['Israel', 'IL'], utcOffsetHours: 2, macroRegion: 'mena', weight: 1.5, currency: '₪', salaryFactor: 2.5 },
  { code: 'ae', names: ['UAE', 'United Arab Emirates'], utcOffsetHours: 4, macroRegion: 'mena', weight: 1, currency: 'AED ', salaryFactor: 2.5 },
  { code: 'tr', names: ['Turkey', 'Türkiye', 'TR'], utcOffsetHours: 3, macroRegion: 'mena', weight: 0.8, currency: '$', salaryFactor: 0.3 },
  { code: 'eg', names: ['Egypt', 'EG'], utcOffsetHours: 2, macroRegion: 'africa', weight: 0.5, currency: '$', salaryFactor: 0.2 },
  { code: 'za', names: ['South Africa', 'ZA', 'RSA'], utcOffsetHours: 2, macroRegion: 'africa', weight: 0.8, currency: 'ZAR ', salaryFactor: 8 },
  { code: 'ng', names: ['Nigeria', 'NG'], utcOffsetHours: 1, macroRegion: 'africa', weight: 0.6, currency: '$', salaryFactor: 0.25 },
  { code: 'ke', names: ['Kenya', 'KE'], utcOffsetHours: 3, macroRegion: 'africa', weight: 0.4, currency: '$', salaryFactor: 0.25 },
  { code: 'sg', names: ['Singapore', 'SG'], utcOffsetHours: 8, macroRegion: 'apac', weight: 2, currency: 'S$', salaryFactor: 1.1 },
  { code: 'jp', names: ['Japan', 'JP'], utcOffsetHours: 9, macroRegion: 'apac', weight: 1.5, currency: '¥', salaryFactor: 100 },
  { code: 'kr', names: ['South Korea', 'Korea', 'KR'], utcOffsetHours: 9, macroRegion: 'apac', weight: 0.8, currency: '₩', salaryFactor: 900 },
  { code: 'cn', names: ['China', 'CN'], utcOffsetHours: 8, macroRegion: 'apac', weight: 1.5, currency: '¥', salaryFactor: 4.5 },
  { code: 'hk', names: ['Hong Kong', 'HK', 'Hong Kong SAR'], utcOffsetHours: 8, macroRegion: 'apac', weight: 0.8, currency: 'HK$', salaryFactor: 6 },
  { code: 'au', names: ['Australia', 'AU'], utcOffsetHours: 10, macroRegion: 'apac', weight: 2.5, currency: 'A$', salaryFactor: 1.2 },
  { code: 'nz', names: ['New Zealand', 'NZ'], utcOffsetHours: 12, macroRegion: 'apac', weight: 0.6, currency: 'NZ$', salaryFactor: 1.2 },
  { code: 'mx', names: ['Mexico', 'MX', 'México'], utcOffsetHours: -6, macroRegion: 'latam', weight: 1.2, currency: 'MXN ', salaryFactor: 10 },
  { code: 'br', names: ['Brazil', 'BR', 'Brasil'], utcOffsetHours: -3, macroRegion: 'latam', weight: 1.8, currency: 'BRL ', salaryFactor: 2.5 },
  { code: 'ar', names: ['Argentina', 'AR'], utcOffsetHours: -3, macroRegion: 'latam', weight: 0.8, currency: '$', salaryFactor: 0.35 },
  { code: 'co', names: ['Colombia', 'CO'], utcOffsetHours: -5, macroRegion: 'latam', weight: 0.7, currency: '$', salaryFactor: 0.35 },
];

export const COUNTRY_BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((country) => [country.code, country]));
