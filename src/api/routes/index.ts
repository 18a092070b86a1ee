/** The route table: method, path under /2013-04-01 and handler, per Route 53 operation. */
import type { Handler } from '../context.ts';
import * as zones from './hosted-zones.ts';
import * as sets from './delegation-sets.ts';
import * as tags from './tags.ts';
import * as limits from './limits.ts';
import { getChange } from './changes.ts';
import { changeResourceRecordSets, listResourceRecordSets } from './record-sets.ts';
import { testDnsAnswer } from './test-dns-answer.ts';
import { getGeoLocation, listGeoLocations } from './geo-locations.ts';
import * as cidr from './cidr-collections.ts';

export type Route = { method: 'GET' | 'POST' | 'DELETE'; path: string; operation: string; handler: Handler };

export const ROUTES: Route[] = [
  { method: 'POST', path: '/hostedzone', operation: 'CreateHostedZone', handler: zones.createHostedZone },
  { method: 'GET', path: '/hostedzone', operation: 'ListHostedZones', handler: zones.listHostedZones },
  { method: 'GET', path: '/hostedzone/:Id', operation: 'GetHostedZone', handler: zones.getHostedZone },
  { method: 'POST', path: '/hostedzone/:Id', operation: 'UpdateHostedZoneComment', handler: zones.updateHostedZoneComment },
  { method: 'DELETE', path: '/hostedzone/:Id', operation: 'DeleteHostedZone', handler: zones.deleteHostedZone },
  { method: 'GET', path: '/hostedzonesbyname', operation: 'ListHostedZonesByName', handler: zones.listHostedZonesByName },
  { method: 'GET', path: '/hostedzonecount', operation: 'GetHostedZoneCount', handler: zones.getHostedZoneCount },
  { method: 'POST', path: '/hostedzone/:Id/rrset', operation: 'ChangeResourceRecordSets', handler: changeResourceRecordSets },
  { method: 'GET', path: '/hostedzone/:Id/rrset', operation: 'ListResourceRecordSets', handler: listResourceRecordSets },
  { method: 'GET', path: '/change/:Id', operation: 'GetChange', handler: getChange },
  { method: 'GET', path: '/testdnsanswer', operation: 'TestDNSAnswer', handler: testDnsAnswer },
  { method: 'POST', path: '/delegationset', operation: 'CreateReusableDelegationSet', handler: sets.createReusableDelegationSet },
  { method: 'GET', path: '/delegationset', operation: 'ListReusableDelegationSets', handler: sets.listReusableDelegationSets },
  { method: 'GET', path: '/delegationset/:Id', operation: 'GetReusableDelegationSet', handler: sets.getReusableDelegationSet },
  { method: 'DELETE', path: '/delegationset/:Id', operation: 'DeleteReusableDelegationSet', handler: sets.deleteReusableDelegationSet },
  { method: 'GET', path: '/reusabledelegationsetlimit/:Id/:Type', operation: 'GetReusableDelegationSetLimit', handler: sets.getReusableDelegationSetLimit },
  { method: 'GET', path: '/hostedzonelimit/:Id/:Type', operation: 'GetHostedZoneLimit', handler: limits.getHostedZoneLimit },
  { method: 'GET', path: '/accountlimit/:Type', operation: 'GetAccountLimit', handler: limits.getAccountLimit },
  { method: 'POST', path: '/tags/:ResourceType/:ResourceId', operation: 'ChangeTagsForResource', handler: tags.changeTagsForResource },
  { method: 'GET', path: '/tags/:ResourceType/:ResourceId', operation: 'ListTagsForResource', handler: tags.listTagsForResource },
  { method: 'POST', path: '/tags/:ResourceType', operation: 'ListTagsForResources', handler: tags.listTagsForResources },
  // Geo locations (src/geo/ catalogue)
  { method: 'GET', path: '/geolocation', operation: 'GetGeoLocation', handler: getGeoLocation },
  { method: 'GET', path: '/geolocations', operation: 'ListGeoLocations', handler: listGeoLocations },
  // CIDR collections (IP-based routing)
  { method: 'POST', path: '/cidrcollection', operation: 'CreateCidrCollection', handler: cidr.createCidrCollection },
  { method: 'GET', path: '/cidrcollection', operation: 'ListCidrCollections', handler: cidr.listCidrCollections },
  { method: 'POST', path: '/cidrcollection/:CidrCollectionId', operation: 'ChangeCidrCollection', handler: cidr.changeCidrCollection },
  { method: 'GET', path: '/cidrcollection/:CidrCollectionId', operation: 'ListCidrLocations', handler: cidr.listCidrLocations },
  { method: 'DELETE', path: '/cidrcollection/:CidrCollectionId', operation: 'DeleteCidrCollection', handler: cidr.deleteCidrCollection },
  { method: 'GET', path: '/cidrcollection/:CidrCollectionId/cidrblocks', operation: 'ListCidrBlocks', handler: cidr.listCidrBlocks },
];
