/**
 * Names people write for places that the data libraries spell differently: common abbreviations
 * (NYC, SF), local names (München, Köln) and metro nicknames. Each maps to the city name
 * city-timezones uses, with its ISO country code to pick the right one.
 */
export const PLACE_ALIASES: Readonly<Record<string, { city: string; country: string }>> = {
  nyc: { city: 'New York', country: 'US' }, 'new york city': { city: 'New York', country: 'US' },
  manhattan: { city: 'New York', country: 'US' }, brooklyn: { city: 'New York', country: 'US' },
  sf: { city: 'San Francisco', country: 'US' }, 'sf bay area': { city: 'San Francisco', country: 'US' },
  'bay area': { city: 'San Francisco', country: 'US' }, 'san francisco bay area': { city: 'San Francisco', country: 'US' },
  'silicon valley': { city: 'San Jose', country: 'US' }, la: { city: 'Los Angeles', country: 'US' },
  'washington dc': { city: 'Washington, D.C.', country: 'US' }, 'washington d c': { city: 'Washington, D.C.', country: 'US' },
  dc: { city: 'Washington, D.C.', country: 'US' },
  philly: { city: 'Philadelphia', country: 'US' }, 'greater london': { city: 'London', country: 'GB' },
  'city of london': { city: 'London', country: 'GB' }, 'greater manchester': { city: 'Manchester', country: 'GB' },
  münchen: { city: 'Munich', country: 'DE' }, muenchen: { city: 'Munich', country: 'DE' }, köln: { city: 'Cologne', country: 'DE' },
  koeln: { city: 'Cologne', country: 'DE' }, 'frankfurt am main': { city: 'Frankfurt', country: 'DE' },
  wien: { city: 'Vienna', country: 'AT' }, praha: { city: 'Prague', country: 'CZ' }, warszawa: { city: 'Warsaw', country: 'PL' },
  lisboa: { city: 'Lisbon', country: 'PT' },
  roma: { city: 'Rome', country: 'IT' }, milano: { city: 'Milan', country: 'IT' }, torino: { city: 'Turin', country: 'IT' },
  'den haag': { city: 'The Hague', country: 'NL' }, 'the hague': { city: 'The Hague', country: 'NL' },
  bruxelles: { city: 'Brussels', country: 'BE' }, genève: { city: 'Geneva', country: 'CH' }, geneve: { city: 'Geneva', country: 'CH' },
  københavn: { city: 'Copenhagen', country: 'DK' }, gothenburg: { city: 'Göteborg', country: 'SE' },
  bangalore: { city: 'Bengaluru', country: 'IN' }, bombay: { city: 'Mumbai', country: 'IN' }, gurgaon: { city: 'Delhi', country: 'IN' },
  'new delhi': { city: 'Delhi', country: 'IN' }, 'tel aviv': { city: 'Tel Aviv-Yafo', country: 'IL' },
  'ho chi minh city': { city: 'Ho Chi Minh City', country: 'VN' }, saigon: { city: 'Ho Chi Minh City', country: 'VN' },
  'são paulo': { city: 'Sao Paulo', country: 'BR' }, 'mexico city': { city: 'Mexico City', country: 'MX' }, cdmx: { city: 'Mexico City', country: 'MX' },
};
