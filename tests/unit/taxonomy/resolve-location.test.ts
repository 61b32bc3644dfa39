import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRegionResolver } from '../../../taxonomy/region/create-region-resolver.ts';
import { resolveLocation } from '../../../taxonomy/region/resolve-location.ts';

// [text, region, city, subdivision, is_remote, region_area]: real-world-style location strings,
// including the ambiguous ones (rules in taxonomy/README.md#regions).
type Row = [string, string, string | null, string | null, boolean, string | null];
const CASES: Row[] = [
  ["London, UK", "uk", "London", null, false, null],
  ["London, United Kingdom", "uk", "London", null, false, null],
  ["London, England", "uk", "London", "England", false, null],
  ["London", "uk", "London", null, false, null],
  ["London, ON", "ca", "London", "Ontario", false, null],
  ["London, Ontario, Canada", "ca", "London", "Ontario", false, null],
  ["Greater London", "uk", "London", null, false, null],
  ["City of London, UK", "uk", "London", null, false, null],
  ["Manchester, England", "uk", "Manchester", "England", false, null],
  ["Manchester, UK", "uk", "Manchester", null, false, null],
  ["Manchester, NH", "us", "Manchester", "New Hampshire", false, null],
  ["Edinburgh, Scotland", "uk", "Edinburgh", "Scotland", false, null],
  ["Glasgow, Scotland, UK", "uk", "Glasgow", "Scotland", false, null],
  ["Cardiff, Wales", "uk", "Cardiff", "Wales", false, null],
  ["Belfast, Northern Ireland", "uk", "Belfast", "Northern Ireland", false, null],
  ["Birmingham, UK", "uk", "Birmingham", null, false, null],
  ["Birmingham, AL", "us", "Birmingham", "Alabama", false, null],
  ["Bristol, United Kingdom", "uk", "Bristol", null, false, null],
  ["Cambridge, UK", "uk", "Cambridge", null, false, null],
  ["Cambridge, MA", "us", "Cambridge", "Massachusetts", false, null],
  ["Leeds", "uk", "Leeds", null, false, null],
  ["Oxford, England", "uk", "Oxford", "England", false, null],
  ["UK", "uk", null, null, false, null],
  ["United Kingdom", "uk", null, null, false, null],
  ["Great Britain", "uk", null, null, false, null],
  ["England", "uk", null, "England", false, null],
  ["Scotland", "uk", null, "Scotland", false, null],
  ["San Francisco, CA", "us", "San Francisco", "California", false, null],
  ["San Francisco, California", "us", "San Francisco", "California", false, null],
  ["San Francisco Bay Area", "us", "San Francisco", "California", false, null],
  ["SF", "us", "San Francisco", "California", false, null],
  ["NYC", "us", "New York", "New York", false, null],
  ["New York, NY", "us", "New York", "New York", false, null],
  ["New York City", "us", "New York", "New York", false, null],
  ["New York", "us", "New York", "New York", false, null],
  ["Brooklyn, NY", "us", "New York", "New York", false, null],
  ["Austin, Texas", "us", "Austin", "Texas", false, null],
  ["Austin, TX", "us", "Austin", "Texas", false, null],
  ["Austin TX", "us", "Austin", "Texas", false, null],
  ["Dallas, TX", "us", "Dallas", "Texas", false, null],
  ["Houston, Texas, United States", "us", "Houston", "Texas", false, null],
  ["Seattle, WA", "us", "Seattle", "Washington", false, null],
  ["Seattle, Washington", "us", "Seattle", "Washington", false, null],
  ["Washington, D.C.", "us", "Washington, D.C.", "District of Columbia", false, null],
  ["Washington DC", "us", "Washington, D.C.", "District of Columbia", false, null],
  ["Boston, MA", "us", "Boston", "Massachusetts", false, null],
  ["Chicago, IL", "us", "Chicago", "Illinois", false, null],
  ["Chicago", "us", "Chicago", "Illinois", false, null],
  ["Los Angeles, CA", "us", "Los Angeles", "California", false, null],
  ["LA", "us", "Los Angeles", "California", false, null],
  ["Denver, CO", "us", "Denver", "Colorado", false, null],
  ["Atlanta, GA", "us", "Atlanta", "Georgia", false, null],
  ["Atlanta, Georgia", "us", "Atlanta", "Georgia", false, null],
  ["Miami, FL", "us", "Miami", "Florida", false, null],
  ["Portland, OR", "us", "Portland", "Oregon", false, null],
  ["Portland, Maine", "us", "Portland", "Maine", false, null],
  ["Springfield, IL", "us", "Springfield", "Illinois", false, null],
  ["Paris, TX", "us", "Paris", "Texas", false, null],
  ["Paris", "fr", "Paris", "Île-de-France", false, null],
  ["Paris, France", "fr", "Paris", "Île-de-France", false, null],
  ["Paris, Île-de-France", "fr", "Paris", "Île-de-France", false, null],
  ["Toronto, ON", "ca", "Toronto", "Ontario", false, null],
  ["Toronto, Ontario", "ca", "Toronto", "Ontario", false, null],
  ["Toronto, Canada", "ca", "Toronto", "Ontario", false, null],
  ["Toronto, CA", "ca", "Toronto", "Ontario", false, null],
  ["Vancouver, BC", "ca", "Vancouver", "British Columbia", false, null],
  ["Vancouver, WA", "us", "Vancouver", "Washington", false, null],
  ["Montreal, QC", "ca", "Montréal", "Québec", false, null],
  ["Montréal, Québec", "ca", "Montréal", "Québec", false, null],
  ["Ottawa", "ca", "Ottawa", "Ontario", false, null],
  ["Calgary, Alberta", "ca", "Calgary", "Alberta", false, null],
  ["Hybrid - Toronto, ON", "ca", "Toronto", "Ontario", false, null],
  ["München", "de", "Munich", "Bayern", false, null],
  ["Munich, Germany", "de", "Munich", "Bayern", false, null],
  ["Munich", "de", "Munich", "Bayern", false, null],
  ["Berlin", "de", "Berlin", "Berlin", false, null],
  ["Berlin, Germany", "de", "Berlin", "Berlin", false, null],
  ["Berlin, DE", "de", "Berlin", "Berlin", false, null],
  ["Hamburg, Deutschland", "de", "Hamburg", "Hamburg", false, null],
  ["Frankfurt am Main", "de", "Frankfurt", "Hessen", false, null],
  ["Köln", "de", "Cologne", "Nordrhein-Westfalen", false, null],
  ["Cologne, Germany", "de", "Cologne", "Nordrhein-Westfalen", false, null],
  ["Wien", "at", "Vienna", "Wien", false, null],
  ["Vienna, Austria", "at", "Vienna", "Wien", false, null],
  ["Zurich", "ch", "Zürich", "Zürich", false, null],
  ["Zürich, Schweiz", "ch", "Zürich", "Zürich", false, null],
  ["Geneva, Switzerland", "ch", "Geneva", "Genève", false, null],
  ["Amsterdam", "nl", "Amsterdam", "Noord-Holland", false, null],
  ["Amsterdam, Netherlands", "nl", "Amsterdam", "Noord-Holland", false, null],
  ["Amsterdam, the Netherlands", "nl", "Amsterdam", "Noord-Holland", false, null],
  ["Rotterdam, NL", "nl", "Rotterdam", "Zuid-Holland", false, null],
  ["The Hague", "nl", "The Hague", "Zuid-Holland", false, null],
  ["Brussels, Belgium", "be", "Brussels", "Brussels", false, null],
  ["Dublin", "ie", "Dublin", "Dublin", false, null],
  ["Dublin, Ireland", "ie", "Dublin", "Dublin", false, null],
  ["Cork, Ireland", "ie", "Cork", "Cork", false, null],
  ["Madrid, Spain", "es", "Madrid", "Comunidad de Madrid", false, null],
  ["Barcelona", "es", "Barcelona", "Cataluña", false, null],
  ["Lisbon, Portugal", "pt", "Lisbon", "Lisboa", false, null],
  ["Lisboa", "pt", "Lisbon", "Lisboa", false, null],
  ["Milan, Italy", "it", "Milan", "Lombardia", false, null],
  ["Milano", "it", "Milan", "Lombardia", false, null],
  ["Rome", "it", "Rome", "Lazio", false, null],
  ["Stockholm, Sweden", "se", "Stockholm", "Stockholm", false, null],
  ["Copenhagen", "dk", "Copenhagen", "Hovedstaden", false, null],
  ["Oslo, Norway", "no", "Oslo", "Oslo", false, null],
  ["Helsinki, Finland", "fi", "Helsinki", "Southern Finland", false, null],
  ["Warsaw, Poland", "pl", "Warsaw", "Masovian", false, null],
  ["Kraków, Poland", "pl", "Kraków", "Lesser Poland", false, null],
  ["Prague, Czech Republic", "cz", "Prague", "Prague", false, null],
  ["Praha", "cz", "Prague", "Prague", false, null],
  ["Budapest", "hu", "Budapest", "Budapest", false, null],
  ["Bucharest, Romania", "ro", "Bucharest", "Bucharest", false, null],
  ["Athens, Greece", "gr", "Athens", "Attiki", false, null],
  ["Istanbul, Turkey", "tr", "Istanbul", "Istanbul", false, null],
  ["Tel Aviv, Israel", "il", "Tel Aviv-Yafo", "Tel Aviv", false, null],
  ["Dubai, UAE", "ae", "Dubai", "Dubay", false, null],
  ["Bangalore, India", "in", "Bengaluru", "Karnataka", false, null],
  ["Bengaluru, Karnataka", "in", "Bengaluru", "Karnataka", false, null],
  ["Mumbai", "in", "Mumbai", "Maharashtra", false, null],
  ["Hyderabad, India", "in", "Hyderabad", "Andhra Pradesh", false, null],
  ["Pune", "in", "Pune", "Maharashtra", false, null],
  ["New Delhi", "in", "Delhi", "Delhi", false, null],
  ["Singapore", "sg", "Singapore", null, false, null],
  ["Hong Kong", "hk", "Hong Kong", null, false, null],
  ["Tokyo, Japan", "jp", "Tokyo", "Tokyo", false, null],
  ["Seoul, South Korea", "kr", "Seoul", "Seoul", false, null],
  ["Shanghai, China", "cn", "Shanghai", "Shanghai", false, null],
  ["Sydney, NSW", "au", "Sydney", "New South Wales", false, null],
  ["Sydney, Australia", "au", "Sydney", "New South Wales", false, null],
  ["Melbourne, VIC", "au", "Melbourne", "Victoria", false, null],
  ["Auckland, New Zealand", "nz", "Auckland", "Auckland", false, null],
  ["São Paulo, Brazil", "br", "Sao Paulo", "São Paulo", false, null],
  ["Mexico City", "mx", "Mexico City", "Distrito Federal", false, null],
  ["Buenos Aires, Argentina", "ar", "Buenos Aires", "Ciudad de Buenos Aires", false, null],
  ["Bogotá, Colombia", "co", "Bogota", "Bogota", false, null],
  ["Lagos, Nigeria", "ng", "Lagos", "Lagos", false, null],
  ["Nairobi, Kenya", "ke", "Nairobi", "Nairobi", false, null],
  ["Cape Town, South Africa", "za", "Cape Town", "Western Cape", false, null],
  ["Cairo, Egypt", "eg", "Cairo", "Al Qahirah", false, null],
  ["Remote", "remote", null, null, true, null],
  ["Remote - EU", "remote", null, null, true, "EU"],
  ["Remote (US)", "us", null, null, true, null],
  ["Remote, US", "us", null, null, true, null],
  ["Remote - USA", "us", null, null, true, null],
  ["Remote, United States", "us", null, null, true, null],
  ["Remote (UK)", "uk", null, null, true, null],
  ["Remote - Germany", "de", null, null, true, null],
  ["Remote in the UK", "uk", null, null, true, null],
  ["Fully remote", "remote", null, null, true, null],
  ["100% Remote", "remote", null, null, true, null],
  ["Remote / Europe", "remote", null, null, true, "Europe"],
  ["Remote - Europe", "remote", null, null, true, "Europe"],
  ["Remote (EMEA)", "remote", null, null, true, "EMEA"],
  ["Remote, APAC", "remote", null, null, true, "APAC"],
  ["Remote - LATAM", "remote", null, null, true, "LATAM"],
  ["Remote - Worldwide", "remote", null, null, true, "Worldwide"],
  ["Worldwide", "remote", null, null, true, "Worldwide"],
  ["Anywhere", "remote", null, null, true, "Worldwide"],
  ["Anywhere in Europe (remote)", "remote", null, null, true, "Europe"],
  ["Remote (Canada)", "ca", null, null, true, null],
  ["Remote, Toronto", "ca", "Toronto", "Ontario", true, null],
  ["Work from home", "remote", null, null, true, null],
  ["WFH - London", "uk", "London", null, true, null],
  ["Remote-first, Berlin", "de", "Berlin", "Berlin", true, null],
  ["Hybrid", "unknown", null, null, false, null],
  ["Hybrid - London", "uk", "London", null, false, null],
  ["Hybrid (Berlin)", "de", "Berlin", "Berlin", false, null],
  ["London (Hybrid)", "uk", "London", null, false, null],
  ["On-site, Austin, TX", "us", "Austin", "Texas", false, null],
  ["Onsite - Munich", "de", "Munich", "Bayern", false, null],
  ["Remote or Hybrid - NYC", "us", "New York", "New York", false, null],
  ["Remote/Hybrid, Amsterdam", "nl", "Amsterdam", "Noord-Holland", false, null],
  ["Georgia", "ge", null, null, false, null],
  ["Tbilisi, Georgia", "ge", "Tbilisi", "Tbilisi", false, null],
  ["Savannah, GA", "us", "Savannah", "Georgia", false, null],
  ["Georgia, USA", "us", null, "Georgia", false, null],
  ["CA", "us", null, "California", false, null],
  ["California", "us", null, "California", false, null],
  ["Texas", "us", null, "Texas", false, null],
  ["TX", "us", null, "Texas", false, null],
  ["ON", "ca", null, "Ontario", false, null],
  ["NY", "us", null, "New York", false, null],
  ["DE", "us", null, "Delaware", false, null],
  ["IN", "us", null, "Indiana", false, null],
  ["Indianapolis, IN", "us", "Indianapolis", "Indiana", false, null],
  ["US", "us", null, null, false, null],
  ["USA", "us", null, null, false, null],
  ["U.S.", "us", null, null, false, null],
  ["United States", "us", null, null, false, null],
  ["United States of America", "us", null, null, false, null],
  ["America", "us", null, null, false, null],
  ["Canada", "ca", null, null, false, null],
  ["Germany", "de", null, null, false, null],
  ["Deutschland", "de", null, null, false, null],
  ["France", "fr", null, null, false, null],
  ["Spain", "es", null, null, false, null],
  ["España", "es", null, null, false, null],
  ["India", "in", null, null, false, null],
  ["Japan", "jp", null, null, false, null],
  ["Brazil", "br", null, null, false, null],
  ["Netherlands", "nl", null, null, false, null],
  ["Holland", "nl", null, null, false, null],
  ["Ireland", "ie", null, null, false, null],
  ["Switzerland", "ch", null, null, false, null],
  ["Sweden", "se", null, null, false, null],
  ["Poland", "pl", null, null, false, null],
  ["Israel", "il", null, null, false, null],
  ["", "unknown", null, null, false, null],
  ["  ", "unknown", null, null, false, null],
  ["N/A", "unknown", null, null, false, null],
  ["TBD", "unknown", null, null, false, null],
  ["asdfghjkl", "unknown", null, null, false, null],
  ["12345", "unknown", null, null, false, null],
  ["Multiple locations", "unknown", null, null, false, null],
  ["Various", "unknown", null, null, false, null],
  ["???", "unknown", null, null, false, null],
  ["Earth", "unknown", null, null, false, "Worldwide"],
  ["Mars", "unknown", null, null, false, null],
  ["Nowhere", "unknown", null, null, false, null],
  ["Location: London, UK", "uk", "London", null, false, null],
  ["London, UK / Remote", "uk", "London", null, true, null],
  ["Berlin or Munich", "de", "Berlin", "Berlin", false, null],
  ["Berlin / Hamburg", "de", "Berlin", "Berlin", false, null],
  ["Austin, TX 78701", "us", "Austin", "Texas", false, null],
  ["San Francisco, CA 94105", "us", "San Francisco", "California", false, null],
  ["New York, NY, USA", "us", "New York", "New York", false, null],
];

test('there are at least 200 cases, none repeated', () => {
  assert.ok(CASES.length >= 200, `${CASES.length} cases`);
  assert.is(new Set(CASES.map((row) => row[0])).size, CASES.length);
});

for (const [text, region, city, subdivision, isRemote, area] of CASES) {
  test(`${JSON.stringify(text)} → ${region}`, () => {
    assert.equal(resolveLocation(text), { region, region_area: area, city, subdivision, is_remote: isRemote });
  });
}

test('the examples of the brief', () => {
  const region = (text: string | null): string => resolveLocation(text).region;
  for (const text of ['London, UK', 'London, United Kingdom', 'Manchester, England', 'Edinburgh, Scotland']) assert.is(region(text), 'uk', text);
  for (const text of ['San Francisco, CA', 'NYC', 'Austin, Texas', 'Paris, TX']) assert.is(region(text), 'us', text);
  for (const text of ['Toronto, ON', 'Hybrid - Toronto, ON', 'London, ON']) assert.is(region(text), 'ca', text);
  assert.is(region('München'), 'de');
  assert.is(region('Munich, Germany'), 'de');
  assert.is(region('Paris'), 'fr');
  assert.is(region('London'), 'uk');
  assert.equal(resolveLocation('Remote - EU'), { region: 'remote', region_area: 'EU', city: null, subdivision: null, is_remote: true });
  assert.equal(resolveLocation('Remote (US)'), { region: 'us', region_area: null, city: null, subdivision: null, is_remote: true });
  assert.is(resolveLocation('Hybrid - Toronto, ON').is_remote, false);
  assert.is(region(null), 'unknown');
  assert.is(region(''), 'unknown');
  assert.is(region('asdfghjkl'), 'unknown');
});

test('Georgia: the country alone, the US state next to a US city or the US', () => {
  assert.is(resolveLocation('Georgia').region, 'ge');
  assert.is(resolveLocation('Tbilisi, Georgia').region, 'ge');
  assert.is(resolveLocation('Atlanta, Georgia').region, 'us');
  assert.is(resolveLocation('Georgia, USA').region, 'us');
});

test('"CA" alone is California; next to a city it is what the city agrees with', () => {
  assert.equal(resolveLocation('CA'), { region: 'us', region_area: null, city: null, subdivision: 'California', is_remote: false });
  assert.is(resolveLocation('Toronto, CA').region, 'ca');
  assert.is(resolveLocation('San Francisco, CA').region, 'us');
});

test('the resolver caches results in a bounded cache of recently used locations and returns the same answers', () => {
  const resolver = createRegionResolver({ maxEntries: 2 });
  const first = resolver.resolve('London, UK');
  assert.is(resolver.resolve('London, UK'), first, 'a hit returns the cached object');
  for (const city of ['Paris', 'Berlin', 'Madrid', 'Rome']) {
    resolver.resolve(city);
    resolver.resolve('London, UK'); // used again every other insertion: it must never be dropped
  }
  assert.is(resolver.resolve('London, UK'), first, 'London survived as recently used');
  assert.ok(resolver.size <= 4);
  assert.equal(resolver.resolve(null), resolveLocation(null));
  assert.throws(() => createRegionResolver({ maxEntries: 0 }), /maxEntries/);
  const bounded = createRegionResolver({ maxEntries: 10 });
  for (let index = 0; index < 100; index++) {
    bounded.resolve(`City ${index}`);
    assert.ok(bounded.size <= 20, `${bounded.size} entries kept, at most 2 × 10 allowed`);
  }
  for (let index = 90; index < 100; index++) assert.ok(bounded.resolve(`City ${index}`) === bounded.resolve(`City ${index}`));
  assert.ok(bounded.size >= 10);
});

test.run();
