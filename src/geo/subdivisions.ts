/**
 * The subdivisions Route 53 geolocation knows: the states of the United States and the District
 * of Columbia, by their USPS codes (Route 53's SubdivisionCode is "VA", not "US-VA"). Route 53
 * lists some other countries' subdivisions too; those are not included until they can be checked
 * against Route 53's own list. Databases in the ip-location-db layout name subdivisions in English
 * ("Virginia"), so the names map back to codes.
 */
const US = `
AK Alaska|AL Alabama|AR Arkansas|AZ Arizona|CA California|CO Colorado|CT Connecticut|DC District of Columbia|DE Delaware
FL Florida|GA Georgia|HI Hawaii|IA Iowa|ID Idaho|IL Illinois|IN Indiana|KS Kansas|KY Kentucky|LA Louisiana
MA Massachusetts|MD Maryland|ME Maine|MI Michigan|MN Minnesota|MO Missouri|MS Mississippi|MT Montana|NC North Carolina
ND North Dakota|NE Nebraska|NH New Hampshire|NJ New Jersey|NM New Mexico|NV Nevada|NY New York|OH Ohio|OK Oklahoma
OR Oregon|PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VA Virginia
VT Vermont|WA Washington|WI Wisconsin|WV West Virginia|WY Wyoming`;

/** A subdivision of the catalogue. */
export type Subdivision = { readonly country: string; readonly code: string; readonly name: string };

/** Every subdivision, sorted by country, then code. */
export const SUBDIVISIONS: readonly Subdivision[] = US.trim().split(/[|\n]/).map((item) => {
  const [code, ...name] = item.trim().split(' ');
  return Object.freeze({ country: 'US', code: code!, name: name.join(' ') });
}).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** "US/VA" -> subdivision. */
export const SUBDIVISION_BY_KEY: ReadonlyMap<string, Subdivision> = new Map(SUBDIVISIONS.map((s) => [`${s.country}/${s.code}`, s]));

/** Other spellings databases use for a subdivision, "country/lower-case name" -> code. */
const ALIASES: Record<string, string> = {
  'US/washington, d.c.': 'DC', 'US/washington d.c.': 'DC', 'US/d.c.': 'DC',
};

const BY_NAME: ReadonlyMap<string, string> = new Map([
  ...SUBDIVISIONS.map((s): [string, string] => [`${s.country}/${s.name.toLowerCase()}`, s.code]),
  ...Object.entries(ALIASES),
]);

/** Returns the catalogue code of subdivision `name` (English, any case) of `country`, or ''. */
export function subdivisionCodeByName(country: string, name: string): string {
  return BY_NAME.get(`${country}/${name.toLowerCase()}`) ?? '';
}
