/**
 * Every operation of the Route 53 API (2013-04-01): method, path template under /2013-04-01 and
 * name, from the botocore model (botocore/data/route53/2013-04-01/service-2.json, 70 operations)
 * plus UpdateHostedZoneFeatures (November 2025). The server answers an operation of this table
 * that routes/index.ts does not implement with NotImplemented, naming it; a route registered in
 * ROUTES always takes precedence.
 */

export type OperationEntry = [method: 'GET' | 'POST' | 'DELETE', path: string, operation: string];

export const R53_OPERATIONS: readonly OperationEntry[] = [
  ['GET', '/accountlimit/:Type', 'GetAccountLimit'],
  ['GET', '/change/:Id', 'GetChange'],
  ['GET', '/checkeripranges', 'GetCheckerIpRanges'],
  ['GET', '/cidrcollection', 'ListCidrCollections'],
  ['POST', '/cidrcollection', 'CreateCidrCollection'],
  ['DELETE', '/cidrcollection/:CidrCollectionId', 'DeleteCidrCollection'],
  ['GET', '/cidrcollection/:CidrCollectionId', 'ListCidrLocations'],
  ['POST', '/cidrcollection/:CidrCollectionId', 'ChangeCidrCollection'],
  ['GET', '/cidrcollection/:CidrCollectionId/cidrblocks', 'ListCidrBlocks'],
  ['GET', '/delegationset', 'ListReusableDelegationSets'],
  ['POST', '/delegationset', 'CreateReusableDelegationSet'],
  ['DELETE', '/delegationset/:Id', 'DeleteReusableDelegationSet'],
  ['GET', '/delegationset/:Id', 'GetReusableDelegationSet'],
  ['GET', '/geolocation', 'GetGeoLocation'],
  ['GET', '/geolocations', 'ListGeoLocations'],
  ['GET', '/healthcheck', 'ListHealthChecks'],
  ['POST', '/healthcheck', 'CreateHealthCheck'],
  ['DELETE', '/healthcheck/:HealthCheckId', 'DeleteHealthCheck'],
  ['GET', '/healthcheck/:HealthCheckId', 'GetHealthCheck'],
  ['POST', '/healthcheck/:HealthCheckId', 'UpdateHealthCheck'],
  ['GET', '/healthcheck/:HealthCheckId/lastfailurereason', 'GetHealthCheckLastFailureReason'],
  ['GET', '/healthcheck/:HealthCheckId/status', 'GetHealthCheckStatus'],
  ['GET', '/healthcheckcount', 'GetHealthCheckCount'],
  ['GET', '/hostedzone', 'ListHostedZones'],
  ['POST', '/hostedzone', 'CreateHostedZone'],
  ['DELETE', '/hostedzone/:Id', 'DeleteHostedZone'],
  ['GET', '/hostedzone/:Id', 'GetHostedZone'],
  ['POST', '/hostedzone/:Id', 'UpdateHostedZoneComment'],
  ['POST', '/hostedzone/:Id/associatevpc', 'AssociateVPCWithHostedZone'],
  ['GET', '/hostedzone/:Id/authorizevpcassociation', 'ListVPCAssociationAuthorizations'],
  ['POST', '/hostedzone/:Id/authorizevpcassociation', 'CreateVPCAssociationAuthorization'],
  ['POST', '/hostedzone/:Id/deauthorizevpcassociation', 'DeleteVPCAssociationAuthorization'],
  ['POST', '/hostedzone/:Id/disable-dnssec', 'DisableHostedZoneDNSSEC'],
  ['POST', '/hostedzone/:Id/disassociatevpc', 'DisassociateVPCFromHostedZone'],
  ['GET', '/hostedzone/:Id/dnssec', 'GetDNSSEC'],
  ['POST', '/hostedzone/:Id/enable-dnssec', 'EnableHostedZoneDNSSEC'],
  ['POST', '/hostedzone/:Id/features', 'UpdateHostedZoneFeatures'],
  ['GET', '/hostedzone/:Id/rrset', 'ListResourceRecordSets'],
  ['POST', '/hostedzone/:Id/rrset', 'ChangeResourceRecordSets'],
  ['GET', '/hostedzonecount', 'GetHostedZoneCount'],
  ['GET', '/hostedzonelimit/:Id/:Type', 'GetHostedZoneLimit'],
  ['GET', '/hostedzonesbyname', 'ListHostedZonesByName'],
  ['GET', '/hostedzonesbyvpc', 'ListHostedZonesByVPC'],
  ['POST', '/keysigningkey', 'CreateKeySigningKey'],
  ['DELETE', '/keysigningkey/:HostedZoneId/:Name', 'DeleteKeySigningKey'],
  ['POST', '/keysigningkey/:HostedZoneId/:Name/activate', 'ActivateKeySigningKey'],
  ['POST', '/keysigningkey/:HostedZoneId/:Name/deactivate', 'DeactivateKeySigningKey'],
  ['GET', '/queryloggingconfig', 'ListQueryLoggingConfigs'],
  ['POST', '/queryloggingconfig', 'CreateQueryLoggingConfig'],
  ['DELETE', '/queryloggingconfig/:Id', 'DeleteQueryLoggingConfig'],
  ['GET', '/queryloggingconfig/:Id', 'GetQueryLoggingConfig'],
  ['GET', '/reusabledelegationsetlimit/:Id/:Type', 'GetReusableDelegationSetLimit'],
  ['POST', '/tags/:ResourceType', 'ListTagsForResources'],
  ['GET', '/tags/:ResourceType/:ResourceId', 'ListTagsForResource'],
  ['POST', '/tags/:ResourceType/:ResourceId', 'ChangeTagsForResource'],
  ['GET', '/testdnsanswer', 'TestDNSAnswer'],
  ['GET', '/trafficpolicies', 'ListTrafficPolicies'],
  ['GET', '/trafficpolicies/:Id/versions', 'ListTrafficPolicyVersions'],
  ['POST', '/trafficpolicy', 'CreateTrafficPolicy'],
  ['POST', '/trafficpolicy/:Id', 'CreateTrafficPolicyVersion'],
  ['DELETE', '/trafficpolicy/:Id/:Version', 'DeleteTrafficPolicy'],
  ['GET', '/trafficpolicy/:Id/:Version', 'GetTrafficPolicy'],
  ['POST', '/trafficpolicy/:Id/:Version', 'UpdateTrafficPolicyComment'],
  ['POST', '/trafficpolicyinstance', 'CreateTrafficPolicyInstance'],
  ['DELETE', '/trafficpolicyinstance/:Id', 'DeleteTrafficPolicyInstance'],
  ['GET', '/trafficpolicyinstance/:Id', 'GetTrafficPolicyInstance'],
  ['POST', '/trafficpolicyinstance/:Id', 'UpdateTrafficPolicyInstance'],
  ['GET', '/trafficpolicyinstancecount', 'GetTrafficPolicyInstanceCount'],
  ['GET', '/trafficpolicyinstances', 'ListTrafficPolicyInstances'],
  ['GET', '/trafficpolicyinstances/hostedzone', 'ListTrafficPolicyInstancesByHostedZone'],
  ['GET', '/trafficpolicyinstances/trafficpolicy', 'ListTrafficPolicyInstancesByPolicy'],
];

/** Returns a path template with its parameter names erased, so `/a/:Id` and `/a/:X` compare equal. */
export function pathShape(path: string): string {
  return path.replace(/:[A-Za-z]+/g, ':').replace(/\/$/, '');
}
