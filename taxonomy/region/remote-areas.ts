/** Areas a remote posting may be limited to without naming a country ("Remote - EU"), by label. */
export const REMOTE_AREAS: Readonly<Record<string, string>> = {
  eu: 'EU', 'european union': 'EU', europe: 'Europe', emea: 'EMEA', apac: 'APAC', 'asia pacific': 'APAC',
  latam: 'LATAM', 'latin america': 'LATAM', americas: 'Americas', 'north america': 'North America', na: 'North America',
  'south america': 'South America', asia: 'Asia', africa: 'Africa', 'middle east': 'Middle East', mena: 'MENA',
  dach: 'DACH', nordics: 'Nordics', benelux: 'Benelux', cee: 'CEE', 'eastern europe': 'Eastern Europe',
  worldwide: 'Worldwide', global: 'Worldwide', anywhere: 'Worldwide', international: 'Worldwide', earth: 'Worldwide',
  cet: 'CET', utc: 'UTC', gmt: 'GMT', est: 'US time zones', pst: 'US time zones', 'us time zones': 'US time zones',
};
