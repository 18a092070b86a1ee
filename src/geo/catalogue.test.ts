import { describe, expect, it } from 'vitest';
import { CONTINENTS, GEO_LOCATIONS, continentOf, findGeoLocation, geoLocationExists, geoLocationStart } from './catalogue.ts';
import { COUNTRIES } from './countries.ts';
import { SUBDIVISIONS, subdivisionCodeByName } from './subdivisions.ts';

describe('the geolocation catalogue', () => {
  it('knows continents, countries (with UA and XK), the default and US states', () => {
    expect(Object.keys(CONTINENTS).sort()).toEqual(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']);
    for (const codes of [{ continentCode: 'EU' }, { countryCode: '*' }, { countryCode: 'UA' }, { countryCode: 'XK' }, { countryCode: 'US', subdivisionCode: 'VA' }, { countryCode: 'US', subdivisionCode: 'DC' }]) {
      expect(geoLocationExists(codes), JSON.stringify(codes)).toBe(true);
    }
    for (const codes of [{}, { continentCode: 'XX' }, { countryCode: 'ZZ' }, { countryCode: 'US', subdivisionCode: 'ZZ' }, { countryCode: 'CA', subdivisionCode: 'VA' },
      { continentCode: 'EU', countryCode: 'DE' }, { subdivisionCode: 'VA' }, { countryCode: '*', subdivisionCode: 'VA' }, { countryCode: 'us' }]) {
      expect(geoLocationExists(codes), JSON.stringify(codes)).toBe(false);
    }
    expect(SUBDIVISIONS).toHaveLength(51);
    expect(COUNTRIES.length).toBeGreaterThan(245);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    for (const c of COUNTRIES) expect(CONTINENTS[c.continent], c.code).toBeDefined();
  });

  it("uses Route 53's continent table (route53.md 5)", () => {
    expect(['TR', 'RU', 'UA', 'XK'].map(continentOf)).toEqual(['EU', 'EU', 'EU', 'EU']);
    expect(['AE', 'IL'].map(continentOf)).toEqual(['AS', 'AS']);
    expect(['AQ', 'GS', 'TF'].map(continentOf)).toEqual(['AN', 'AN', 'AN']);
    expect(['US', 'BR', 'AU', 'ZA', 'JP', 'ZZ'].map(continentOf)).toEqual(['NA', 'SA', 'OC', 'AF', 'AS', '']);
  });

  it('names locations as GeoLocationDetails does', () => {
    expect(findGeoLocation({ continentCode: 'NA' })).toEqual({ continentCode: 'NA', continentName: 'North America' });
    expect(findGeoLocation({ countryCode: '*' })).toEqual({ countryCode: '*', countryName: 'Default' });
    expect(findGeoLocation({ countryCode: 'US', subdivisionCode: 'WA' })).toEqual({ countryCode: 'US', countryName: 'United States', subdivisionCode: 'WA', subdivisionName: 'Washington' });
  });

  it('lists the default first, countries by code with their subdivisions after them, continents last', () => {
    expect(GEO_LOCATIONS[0]).toEqual({ countryCode: '*', countryName: 'Default' });
    const us = GEO_LOCATIONS.findIndex((g) => g.countryCode === 'US' && !g.subdivisionCode);
    expect(GEO_LOCATIONS[us + 1]).toMatchObject({ countryCode: 'US', subdivisionCode: 'AK' });
    expect(GEO_LOCATIONS[us + 51]).toMatchObject({ countryCode: 'US', subdivisionCode: 'WY' });
    expect(GEO_LOCATIONS[us + 52]).toMatchObject({ countryCode: 'UY' });
    expect(GEO_LOCATIONS.slice(-7).map((g) => g.continentCode)).toEqual(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']);
    expect(GEO_LOCATIONS).toHaveLength(1 + COUNTRIES.length + 51 + 7);
  });

  it('starts a listing at the given codes', () => {
    expect(geoLocationStart({})).toBe(0);
    expect(GEO_LOCATIONS[geoLocationStart({ countryCode: 'DE' })]).toMatchObject({ countryCode: 'DE' });
    expect(GEO_LOCATIONS[geoLocationStart({ countryCode: 'US', subdivisionCode: 'VA' })]).toMatchObject({ countryCode: 'US', subdivisionCode: 'VA' });
    expect(GEO_LOCATIONS[geoLocationStart({ continentCode: 'EU' })]).toMatchObject({ continentCode: 'EU' });
    expect(geoLocationStart({ continentCode: 'ZZ' })).toBe(GEO_LOCATIONS.length);
    expect(GEO_LOCATIONS[geoLocationStart({ countryCode: 'ZZ' })]).toMatchObject({ continentCode: 'AF' });
  });

  it('maps English subdivision names to codes', () => {
    expect(subdivisionCodeByName('US', 'Virginia')).toBe('VA');
    expect(subdivisionCodeByName('US', 'WEST VIRGINIA')).toBe('WV');
    expect(subdivisionCodeByName('US', 'Washington, D.C.')).toBe('DC');
    expect(subdivisionCodeByName('DE', 'Bavaria')).toBe('');
  });
});
