/**
 * The AWS Regions a latency record set (ResourceRecordSetRegion) or a geoproximity AWSRegion may
 * name, with the console's display name and the coordinates of the region's city (rounded to
 * 0.01 degree). AWS publishes no coordinates; these are the cities the display names give, or where
 * the region is publicly known to be built (us-east-1 Ashburn, us-west-2 Boardman, cn-northwest-1
 * Zhongwei, eu-south-2 Zaragoza, mx-central-1 Queretaro, eusc-de-east-1 Brandenburg). The GovCloud
 * regions are placed in Ohio and Oregon, as AWS only says "US-East" and "US-West".
 *
 * Local Zone groups (GeoProximityLocation.LocalZoneGroup) are not in this table: there is no
 * reliable public list with coordinates, so records naming one are refused.
 */

/** A region's display name and coordinates (degrees). */
export type Region = { readonly name: string; readonly latitude: number; readonly longitude: number };

const r = (name: string, latitude: number, longitude: number): Region => Object.freeze({ name, latitude, longitude });

/** Region code -> display name and coordinates; every code of R53_REGIONS in src/api/record-sets/model.ts. */
export const REGIONS: Readonly<Record<string, Region>> = Object.freeze({
  'us-east-1': r('US East (N. Virginia)', 39.04, -77.49),
  'us-east-2': r('US East (Ohio)', 39.96, -83.0),
  'us-west-1': r('US West (N. California)', 37.35, -121.96),
  'us-west-2': r('US West (Oregon)', 45.84, -119.7),
  'ca-central-1': r('Canada (Central)', 45.5, -73.57),
  'ca-west-1': r('Canada West (Calgary)', 51.05, -114.07),
  'mx-central-1': r('Mexico (Central)', 20.59, -100.39),
  'sa-east-1': r('South America (Sao Paulo)', -23.55, -46.63),
  'eu-west-1': r('Europe (Ireland)', 53.35, -6.26),
  'eu-west-2': r('Europe (London)', 51.51, -0.13),
  'eu-west-3': r('Europe (Paris)', 48.86, 2.35),
  'eu-central-1': r('Europe (Frankfurt)', 50.11, 8.68),
  'eu-central-2': r('Europe (Zurich)', 47.37, 8.54),
  'eu-north-1': r('Europe (Stockholm)', 59.33, 18.07),
  'eu-south-1': r('Europe (Milan)', 45.46, 9.19),
  'eu-south-2': r('Europe (Spain)', 41.65, -0.88),
  'eusc-de-east-1': r('AWS European Sovereign Cloud (Germany)', 52.41, 12.53),
  'il-central-1': r('Israel (Tel Aviv)', 32.09, 34.78),
  'me-south-1': r('Middle East (Bahrain)', 26.07, 50.56),
  'me-central-1': r('Middle East (UAE)', 24.45, 54.38),
  'af-south-1': r('Africa (Cape Town)', -33.92, 18.42),
  'ap-south-1': r('Asia Pacific (Mumbai)', 19.08, 72.88),
  'ap-south-2': r('Asia Pacific (Hyderabad)', 17.39, 78.49),
  'ap-east-1': r('Asia Pacific (Hong Kong)', 22.32, 114.17),
  'ap-east-2': r('Asia Pacific (Taipei)', 25.03, 121.57),
  'ap-northeast-1': r('Asia Pacific (Tokyo)', 35.68, 139.69),
  'ap-northeast-2': r('Asia Pacific (Seoul)', 37.57, 126.98),
  'ap-northeast-3': r('Asia Pacific (Osaka)', 34.69, 135.5),
  'ap-southeast-1': r('Asia Pacific (Singapore)', 1.35, 103.82),
  'ap-southeast-2': r('Asia Pacific (Sydney)', -33.87, 151.21),
  'ap-southeast-3': r('Asia Pacific (Jakarta)', -6.21, 106.85),
  'ap-southeast-4': r('Asia Pacific (Melbourne)', -37.81, 144.96),
  'ap-southeast-5': r('Asia Pacific (Malaysia)', 3.14, 101.69),
  'ap-southeast-6': r('Asia Pacific (New Zealand)', -36.85, 174.76),
  'ap-southeast-7': r('Asia Pacific (Thailand)', 13.76, 100.5),
  'cn-north-1': r('China (Beijing)', 39.9, 116.41),
  'cn-northwest-1': r('China (Ningxia)', 37.51, 105.19),
  'us-gov-east-1': r('AWS GovCloud (US-East)', 39.96, -83.0),
  'us-gov-west-1': r('AWS GovCloud (US-West)', 45.84, -119.7),
});
