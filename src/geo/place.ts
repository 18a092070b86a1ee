/**
 * Where a client is taken to be: Route 53's codes for its continent, country and subdivision,
 * its coordinates, and the prefix length over which this answer holds (echoed as the ECS scope).
 */

/** A client's location. Codes are '' when unknown; coordinates are NaN when unknown. */
export type ClientPlace = {
  readonly continent: string;
  readonly country: string;
  readonly subdivision: string;
  readonly latitude: number;
  readonly longitude: number;
  /** Length of the address prefix this place holds for (the database network, capped by the cache key). */
  readonly prefixLength: number;
};

/** Returns a frozen ClientPlace (frozen so that a cached place can be handed out again and again). */
export function makePlace(continent: string, country: string, subdivision: string, latitude: number, longitude: number, prefixLength: number): ClientPlace {
  return Object.freeze({ continent, country, subdivision, latitude, longitude, prefixLength });
}

/** Returns whether `place` has usable coordinates. */
export function hasCoordinates(place: ClientPlace | undefined): boolean {
  return place !== undefined && Number.isFinite(place.latitude) && Number.isFinite(place.longitude);
}
