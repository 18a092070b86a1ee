import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.ts';
import { NAMESPACE, parseRequest } from '../xml.ts';
import { parseChangeBatch } from './parse-change-batch.ts';

/** Returns a request body with `changes` (XML of <Change> elements) and an optional comment. */
function body(changes: string, comment?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="${NAMESPACE}"><ChangeBatch>`
    + `${comment !== undefined ? `<Comment>${comment}</Comment>` : ''}<Changes>${changes}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
}

const change = (action: string, set: string) => `<Change><Action>${action}</Action><ResourceRecordSet>${set}</ResourceRecordSet></Change>`;
const simpleA = '<Name>www.example.com</Name><Type>A</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>';
const parse = (xml: string) => parseChangeBatch(parseRequest(xml, 'ChangeResourceRecordSetsRequest'));

describe('parseChangeBatch', () => {
  it('reads a simple change and the comment', () => {
    expect(parse(body(change('CREATE', simpleA), 'first'))).toEqual({
      comment: 'first',
      changes: [{ action: 'CREATE', set: { Name: 'www.example.com', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '192.0.2.1' }] } }],
    });
  });

  it('reads every member of ResourceRecordSet', () => {
    const set = '<Name>geo.example.com.</Name><Type>A</Type><SetIdentifier>eu</SetIdentifier>'
      + '<GeoLocation><ContinentCode>EU</ContinentCode></GeoLocation><TTL>60</TTL>'
      + '<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>'
      + '<HealthCheckId>abcdef01-2345-6789-abcd-ef0123456789</HealthCheckId><TrafficPolicyInstanceId>tpi-1</TrafficPolicyInstanceId>';
    expect(parse(body(change('UPSERT', set))).changes[0]).toEqual({
      action: 'UPSERT',
      set: {
        Name: 'geo.example.com.', Type: 'A', SetIdentifier: 'eu', GeoLocation: { ContinentCode: 'EU' }, TTL: 60,
        ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.2' }],
        HealthCheckId: 'abcdef01-2345-6789-abcd-ef0123456789', TrafficPolicyInstanceId: 'tpi-1',
      },
    });
  });

  it.each([
    ['Weight', '<Weight>10</Weight>', { Weight: 10 }],
    ['Region', '<Region>eu-west-3</Region>', { Region: 'eu-west-3' }],
    ['Failover', '<Failover>SECONDARY</Failover>', { Failover: 'SECONDARY' }],
    ['MultiValueAnswer', '<MultiValueAnswer>true</MultiValueAnswer>', { MultiValueAnswer: true }],
    ['CidrRoutingConfig', '<CidrRoutingConfig><CollectionId>0123abcd-0123-4567-89ab-0123456789ab</CollectionId><LocationName>*</LocationName></CidrRoutingConfig>',
      { CidrRoutingConfig: { CollectionId: '0123abcd-0123-4567-89ab-0123456789ab', LocationName: '*' } }],
    ['GeoProximityLocation', '<GeoProximityLocation><Coordinates><Latitude>49.22</Latitude><Longitude>-74.01</Longitude></Coordinates><Bias>-20</Bias></GeoProximityLocation>',
      { GeoProximityLocation: { Coordinates: { Latitude: '49.22', Longitude: '-74.01' }, Bias: -20 } }],
    ['GeoLocation', '<GeoLocation><CountryCode>US</CountryCode><SubdivisionCode>WA</SubdivisionCode></GeoLocation>',
      { GeoLocation: { CountryCode: 'US', SubdivisionCode: 'WA' } }],
  ])('reads %s', (_m, xml, want) => {
    const set = `<Name>p.example.com</Name><Type>A</Type><SetIdentifier>one</SetIdentifier>${xml}<TTL>60</TTL>`
      + '<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>';
    expect(parse(body(change('CREATE', set))).changes[0]!.set).toMatchObject(want);
  });

  it('reads an alias', () => {
    const set = '<Name>example.com</Name><Type>A</Type><AliasTarget><HostedZoneId>Z2FDTNDATAQYW2</HostedZoneId>'
      + '<DNSName>d111111abcdef8.example.net</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget>';
    expect(parse(body(change('CREATE', set))).changes[0]!.set).toEqual({
      Name: 'example.com', Type: 'A',
      AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: 'd111111abcdef8.example.net', EvaluateTargetHealth: false },
    });
  });

  it('reads a traffic policy instance id alone', () => {
    const set = '<Name>tp.example.com</Name><Type>A</Type><TrafficPolicyInstanceId>tpi-1</TrafficPolicyInstanceId>';
    expect(parse(body(change('DELETE', set))).changes[0]!.set).toEqual({ Name: 'tp.example.com', Type: 'A', TrafficPolicyInstanceId: 'tpi-1' });
  });

  const where = (action: string, name: string, id = 'null') => `in Change with [Action=${action}, Name=${name}, Type=A, SetIdentifier=${id}]`;
  const rrs = '<ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>';
  const member = 'changeBatch.changes.1.member.resourceRecordSet';
  const invalid: [string, string, string | RegExp][] = [
    ['no ChangeBatch', '<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"></ChangeResourceRecordSetsRequest>', /'ChangeBatch' is expected/],
    ['no Changes', `<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Comment>x</Comment></ChangeBatch></ChangeResourceRecordSetsRequest>`, /'Changes' is expected/],
    ['zero Change elements', body(''), /'Change' is expected/],
    ['a Comment over 256', body(change('CREATE', simpleA), 'c'.repeat(257)), /at 'changeBatch.comment' failed to satisfy constraint: Member must have length less than or equal to 256/],
    ['an unknown element', body(change('CREATE', `${simpleA}<Colour>red</Colour>`)), /Invalid content was found starting with element 'Colour'/],
    ['an unknown Change element', body('<Change><Action>CREATE</Action><Extra/></Change>'), /element 'Extra'/],
    ['a bad Action', body(change('REPLACE', simpleA)), /Value 'REPLACE' at 'changeBatch.changes.1.member.action' failed to satisfy constraint: Member must satisfy enum value set: \[CREATE, DELETE, UPSERT\]/],
    ['a bad Type', body(change('CREATE', simpleA.replace('<Type>A</Type>', '<Type>HINFO</Type>'))), /Member must satisfy enum value set: \[SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS\]/],
    ['no Name', body(change('CREATE', simpleA.replace('<Name>www.example.com</Name>', ''))), /'Name' is expected/],
    ['no Type', body(change('CREATE', simpleA.replace('<Type>A</Type>', ''))), /'Type' is expected/],
    ['a Name over 1024', body(change('CREATE', simpleA.replace('www.example.com', 'a'.repeat(1025)))), /Member must have length less than or equal to 1024/],
    ['a TTL over the range', body(change('CREATE', simpleA.replace('300', '2147483648'))), `1 validation error detected: Value '2147483648' at '${member}.tTL' failed to satisfy constraint: Member must have value less than or equal to 2147483647`],
    ['a negative TTL', body(change('CREATE', simpleA.replace('300', '-1'))), /Member must have value greater than or equal to 0/],
    ['a TTL that is no number', body(change('CREATE', simpleA.replace('300', '5m'))), /'5m' is not a valid value for 'integer'/],
    ['a Weight of 256', body(change('CREATE', `<Name>w.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><Weight>256</Weight><TTL>1</TTL>${rrs}`)), /at '.*\.weight' .*less than or equal to 255/],
    ['a Bias of 100', body(change('CREATE', `<Name>g.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><GeoProximityLocation><AWSRegion>us-east-1</AWSRegion><Bias>100</Bias></GeoProximityLocation><TTL>1</TTL>${rrs}`)), /geoProximityLocation.bias' failed .*less than or equal to 99/],
    ['a Bias of -100', body(change('CREATE', `<Name>g.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><GeoProximityLocation><AWSRegion>us-east-1</AWSRegion><Bias>-100</Bias></GeoProximityLocation><TTL>1</TTL>${rrs}`)), /greater than or equal to -99/],
    ['an empty SetIdentifier', body(change('CREATE', `<Name>w.example.com</Name><Type>A</Type><SetIdentifier></SetIdentifier><Weight>1</Weight><TTL>1</TTL>${rrs}`)), /setIdentifier' failed to satisfy constraint: Member must have length greater than or equal to 1/],
    ['a SetIdentifier over 128', body(change('CREATE', `<Name>w.example.com</Name><Type>A</Type><SetIdentifier>${'s'.repeat(129)}</SetIdentifier><Weight>1</Weight><TTL>1</TTL>${rrs}`)), /less than or equal to 128/],
    ['a Value over 4000', body(change('CREATE', simpleA.replace('192.0.2.1', `"${'t'.repeat(3999)}"`))), /resourceRecords.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 4000/],
    ['empty ResourceRecords', body(change('CREATE', '<Name>a.example.com</Name><Type>A</Type><TTL>1</TTL><ResourceRecords></ResourceRecords>')), /'ResourceRecord' is expected/],
    ['a ResourceRecord without Value', body(change('CREATE', '<Name>a.example.com</Name><Type>A</Type><TTL>1</TTL><ResourceRecords><ResourceRecord></ResourceRecord></ResourceRecords>')), /'Value' is expected/],
    ['a bad Region', body(change('CREATE', `<Name>l.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><Region>mars-north-1</Region><TTL>1</TTL>${rrs}`)), /region' failed to satisfy constraint: Member must satisfy enum value set: \[us-east-1/],
    ['a bad Failover', body(change('CREATE', `<Name>f.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><Failover>TERTIARY</Failover><TTL>1</TTL>${rrs}`)), /enum value set: \[PRIMARY, SECONDARY\]/],
    ['a bad MultiValueAnswer', body(change('CREATE', `<Name>m.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><MultiValueAnswer>yes</MultiValueAnswer><TTL>1</TTL>${rrs}`)), /'yes' is not a valid value for 'boolean'/],
    ['an alias without EvaluateTargetHealth', body(change('CREATE', '<Name>a.example.com</Name><Type>A</Type><AliasTarget><HostedZoneId>Z1</HostedZoneId><DNSName>b.example.com</DNSName></AliasTarget>')), /'EvaluateTargetHealth' is expected/],
    ['a bad CollectionId', body(change('CREATE', `<Name>c.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><CidrRoutingConfig><CollectionId>nope</CollectionId><LocationName>x</LocationName></CidrRoutingConfig><TTL>1</TTL>${rrs}`)), /collectionId' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ['a bad LocationName', body(change('CREATE', `<Name>c.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><CidrRoutingConfig><CollectionId>0123abcd-0123-4567-89ab-0123456789ab</CollectionId><LocationName>a b</LocationName></CidrRoutingConfig><TTL>1</TTL>${rrs}`)), /locationName' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ['a bad Latitude', body(change('CREATE', `<Name>g.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><GeoProximityLocation><Coordinates><Latitude>123</Latitude><Longitude>1</Longitude></Coordinates></GeoProximityLocation><TTL>1</TTL>${rrs}`)), /latitude' failed to satisfy constraint/],
    ['two geoproximity locations', body(change('CREATE', `<Name>g.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><GeoProximityLocation><AWSRegion>us-east-1</AWSRegion><LocalZoneGroup>us-east-1-bue-1</LocalZoneGroup></GeoProximityLocation><TTL>1</TTL>${rrs}`)), /Expected exactly one of \[AWSRegion, LocalZoneGroup, or Coordinates\]/],
    ['a continent and a country', body(change('CREATE', `<Name>g.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><GeoLocation><ContinentCode>EU</ContinentCode><CountryCode>FR</CountryCode></GeoLocation><TTL>1</TTL>${rrs}`)), /either a ContinentCode or a CountryCode/],
    ['a subdivision alone', body(change('CREATE', `<Name>g.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><GeoLocation><SubdivisionCode>WA</SubdivisionCode></GeoLocation><TTL>1</TTL>${rrs}`)), /needs a ContinentCode or a CountryCode/],
    ['an unknown continent', body(change('CREATE', `<Name>g.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><GeoLocation><ContinentCode>XX</ContinentCode></GeoLocation><TTL>1</TTL>${rrs}`)), /Unknown ContinentCode 'XX'/],
    ['no data at all', body(change('CREATE', '<Name>www.example.com</Name><Type>A</Type>')),
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none ${where('CREATE', 'www.example.com')}`],
    ['a TTL alone', body(change('UPSERT', '<Name>www.example.com</Name><Type>A</Type><TTL>60</TTL>')), /but found none in Change with \[Action=UPSERT/],
    ['an alias with a TTL', body(change('CREATE', '<Name>www.example.com.</Name><Type>A</Type><TTL>60</TTL><AliasTarget><HostedZoneId>Z1</HostedZoneId><DNSName>b.example.com</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget>')),
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one ${where('CREATE', 'www.example.com.')}`],
    ['a policy without SetIdentifier', body(change('CREATE', `<Name>w.example.com</Name><Type>A</Type><Weight>1</Weight><TTL>1</TTL>${rrs}`)),
      `Invalid request: Missing field 'SetIdentifier' ${where('CREATE', 'w.example.com')}`],
    ['a SetIdentifier without policy', body(change('CREATE', `<Name>w.example.com</Name><Type>A</Type><SetIdentifier>x</SetIdentifier><TTL>1</TTL>${rrs}`)), /Unexpected field 'SetIdentifier' without a routing policy/],
    ['two policies', body(change('CREATE', `<Name>w.example.com</Name><Type>A</Type><SetIdentifier>x</SetIdentifier><Weight>1</Weight><Failover>PRIMARY</Failover><TTL>1</TTL>${rrs}`)), /Expected at most one of \[Weight, Region, GeoLocation, Failover, MultiValueAnswer, CidrRoutingConfig, GeoProximityLocation\], but found more than one/],
    ['a repeated Region', body(change('CREATE', `<Name>l.example.com</Name><Type>A</Type><SetIdentifier>a</SetIdentifier><Region>us-east-1</Region><Region>us-west-1</Region><TTL>1</TTL>${rrs}`)), /Region appears 2 times/],
  ];

  it.each(invalid)('refuses %s with InvalidInput', (_what, xml, message) => {
    let err: unknown;
    try {
      parse(xml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('InvalidInput');
    if (typeof message === 'string') expect((err as ApiError).message).toBe(message);
    else expect((err as ApiError).message).toMatch(message);
  });

  it('takes MultiValueAnswer false as no policy', () => {
    const set = `<Name>m.example.com</Name><Type>A</Type><MultiValueAnswer>false</MultiValueAnswer><TTL>1</TTL>${rrs}`;
    expect(parse(body(change('CREATE', set))).changes[0]!.set.MultiValueAnswer).toBe(false);
  });
});
