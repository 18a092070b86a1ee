/**
 * GetGeoLocation and ListGeoLocations through both real clients against a running Signpost:
 * @aws-sdk/client-route-53 walks the whole catalogue page by page with the Next* codes, and the
 * AWS CLI v2 (/usr/bin/aws) reads a subdivision and a page of states. Also: start-up refuses a
 * geolocation database or latency table it cannot read, naming the flag.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetGeoLocationCommand, ListGeoLocationsCommand, Route53Client, type GeoLocationDetails } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GEO_LOCATIONS } from '../src/geo/index.ts';
import { BIN, signpost, startSignpost, tempDataDir, type Signpost } from './helpers/signpost.ts';

const run = promisify(execFile);
const KEY_ID = 'AKIASIGNPOSTGEO00001';
const SECRET = 'Z2VvLXRlc3Qtc2VjcmV0LTAwMDAwMDAwMDAwMDAwMDAw';
let sp: Signpost;
let client: Route53Client;

beforeAll(async () => {
  const dataDir = tempDataDir();
  await signpost(['keys', 'create', '--access-key-id', KEY_ID, '--secret-access-key', SECRET, '--data-dir', dataDir]);
  sp = await startSignpost({ dataDir, args: ['--workers', '0', '--roles', 'api', '--http-listen', '127.0.0.1:0'] });
  client = new Route53Client({ endpoint: `http://127.0.0.1:${sp.httpPort}`, region: 'us-east-1', credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET }, maxAttempts: 1 });
});
afterAll(async () => {
  client?.destroy();
  await sp?.stop();
});

describe('geolocations through @aws-sdk/client-route-53', () => {
  it('lists the whole catalogue page by page, in order', async () => {
    const seen: GeoLocationDetails[] = [];
    let start: { StartContinentCode?: string; StartCountryCode?: string; StartSubdivisionCode?: string } = {};
    for (let pages = 0; pages < 100; pages++) {
      const page = await client.send(new ListGeoLocationsCommand({ ...start, MaxItems: 37 }));
      expect(page.MaxItems).toBe(37);
      seen.push(...page.GeoLocationDetailsList!);
      if (!page.IsTruncated) break;
      start = {
        ...(page.NextContinentCode ? { StartContinentCode: page.NextContinentCode } : {}),
        ...(page.NextCountryCode ? { StartCountryCode: page.NextCountryCode } : {}),
        ...(page.NextSubdivisionCode ? { StartSubdivisionCode: page.NextSubdivisionCode } : {}),
      };
    }
    const key = (g: GeoLocationDetails) => `${g.ContinentCode ?? ''}/${g.CountryCode ?? ''}/${g.SubdivisionCode ?? ''}`;
    expect(seen.map(key)).toEqual(GEO_LOCATIONS.map((g) => `${g.continentCode ?? ''}/${g.countryCode ?? ''}/${g.subdivisionCode ?? ''}`));
    expect(seen[0]).toEqual({ CountryCode: '*', CountryName: 'Default' });
    expect(seen.at(-1)).toEqual({ ContinentCode: 'SA', ContinentName: 'South America' });
  });

  it('gets one location, and names an unknown one NoSuchGeoLocation', async () => {
    const got = await client.send(new GetGeoLocationCommand({ CountryCode: 'US', SubdivisionCode: 'CA' }));
    expect(got.GeoLocationDetails).toEqual({ CountryCode: 'US', CountryName: 'United States', SubdivisionCode: 'CA', SubdivisionName: 'California' });
    expect((await client.send(new GetGeoLocationCommand({ ContinentCode: 'AN' }))).GeoLocationDetails).toEqual({ ContinentCode: 'AN', ContinentName: 'Antarctica' });
    await expect(client.send(new GetGeoLocationCommand({ CountryCode: 'QQ' }))).rejects.toMatchObject({ name: 'NoSuchGeoLocation', $metadata: { httpStatusCode: 404 } });
    await expect(client.send(new GetGeoLocationCommand({ SubdivisionCode: 'VA' }))).rejects.toMatchObject({ name: 'InvalidInput' });
  });
});

describe('geolocations through the AWS CLI v2', () => {
  const aws = async (args: string[]) => {
    const { stdout } = await run('/usr/bin/aws', ['route53', ...args, '--endpoint-url', `http://127.0.0.1:${sp.httpPort}`, '--output', 'json'], {
      env: {
        PATH: process.env.PATH, HOME: sp.dataDir, AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      },
    });
    return JSON.parse(stdout);
  };

  it('gets a subdivision and lists from one', async () => {
    expect(await aws(['get-geo-location', '--country-code', 'US', '--subdivision-code', 'WA'])).toEqual({
      GeoLocationDetails: { CountryCode: 'US', CountryName: 'United States', SubdivisionCode: 'WA', SubdivisionName: 'Washington' },
    });
    const page = await aws(['list-geo-locations', '--start-country-code', 'US', '--start-subdivision-code', 'WV', '--max-items', '3']);
    expect(page.GeoLocationDetailsList.map((g: GeoLocationDetails) => g.SubdivisionCode ?? g.CountryCode)).toEqual(['WV', 'WY', 'UY']);
    expect(page).toMatchObject({ IsTruncated: true, NextCountryCode: 'UZ', MaxItems: '3' });
  });
});

describe('start-up refuses geolocation files it cannot read', () => {
  it.each([
    [['--geoip-db', '/nonexistent/city.mmdb'], /geoip-db: cannot read \/nonexistent\/city\.mmdb \(ENOENT\) \(from --geoip-db\)/],
    [['--latency-table', '/'], /latency-table: \/ is not a file \(from --latency-table\)/],
  ])('%j', async (args, message) => {
    const dataDir = tempDataDir();
    const failed = await run(BIN, ['start', '--data-dir', dataDir, '--workers', '0', '--http-listen', '127.0.0.1:0', '--dns-listen', '127.0.0.1:0', ...args])
      .then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(message);
  });
});
