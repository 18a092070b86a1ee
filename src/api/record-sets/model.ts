/**
 * The Route 53 shapes of a record set change, after the botocore model
 * (botocore/data/route53/2013-04-01/service-2.json: ResourceRecordSet, Change, RRType,
 * ResourceRecordSetRegion, ...). Members keep the model's names; values keep the client's text
 * where the model has a string (names and record values are read later, by the planner).
 */

/** RRType. */
export const R53_TYPES = [
  'SOA', 'A', 'TXT', 'NS', 'CNAME', 'MX', 'NAPTR', 'PTR', 'SRV', 'SPF', 'AAAA', 'CAA', 'DS', 'TLSA', 'SSHFP', 'SVCB', 'HTTPS',
] as const;
export type R53Type = (typeof R53_TYPES)[number];

/** ChangeAction. */
export const CHANGE_ACTIONS = ['CREATE', 'DELETE', 'UPSERT'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** ResourceRecordSetFailover. */
export const FAILOVER = ['PRIMARY', 'SECONDARY'] as const;
export type Failover = (typeof FAILOVER)[number];

/** ResourceRecordSetRegion (latency records). */
export const R53_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-central-1', 'eu-central-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-northeast-1',
  'ap-northeast-2', 'ap-northeast-3', 'eu-north-1', 'sa-east-1', 'cn-north-1', 'cn-northwest-1', 'ap-east-1',
  'me-south-1', 'me-central-1', 'ap-south-1', 'ap-south-2', 'af-south-1', 'eu-south-1', 'eu-south-2',
  'ap-southeast-4', 'il-central-1', 'ca-west-1', 'ap-southeast-5', 'mx-central-1', 'ap-southeast-7',
  'us-gov-east-1', 'us-gov-west-1', 'ap-east-2', 'ap-southeast-6', 'eusc-de-east-1',
] as const;

/** Continent codes Route 53 knows (GeoLocation.ContinentCode), with the names its messages use. */
export const CONTINENTS: Record<string, string> = {
  AF: 'Africa', AN: 'Antarctica', AS: 'Asia', EU: 'Europe', OC: 'Oceania', NA: 'North America', SA: 'South America',
};

/** GeoLocation, AliasTarget, CidrRoutingConfig, Coordinates, GeoProximityLocation. */
export type R53GeoLocation = { ContinentCode?: string; CountryCode?: string; SubdivisionCode?: string };
export type R53AliasTarget = { HostedZoneId: string; DNSName: string; EvaluateTargetHealth: boolean };
export type R53CidrRoutingConfig = { CollectionId: string; LocationName: string };
export type R53Coordinates = { Latitude: string; Longitude: string };
export type R53GeoProximityLocation = { AWSRegion?: string; LocalZoneGroup?: string; Coordinates?: R53Coordinates; Bias?: number };

/** ResourceRecordSet: every member of the model. */
export type R53RecordSet = {
  Name: string;
  Type: R53Type;
  SetIdentifier?: string;
  Weight?: number;
  Region?: string;
  GeoLocation?: R53GeoLocation;
  Failover?: Failover;
  MultiValueAnswer?: boolean;
  TTL?: number;
  ResourceRecords?: { Value: string }[];
  AliasTarget?: R53AliasTarget;
  HealthCheckId?: string;
  TrafficPolicyInstanceId?: string;
  CidrRoutingConfig?: R53CidrRoutingConfig;
  GeoProximityLocation?: R53GeoProximityLocation;
};

/** One Change of a ChangeBatch. */
export type Change = { action: ChangeAction; set: R53RecordSet };

/** The routing-policy members of a ResourceRecordSet, in model order. */
export const POLICY_MEMBERS = ['Weight', 'Region', 'GeoLocation', 'Failover', 'MultiValueAnswer', 'CidrRoutingConfig', 'GeoProximityLocation'] as const;
