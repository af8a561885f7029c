export type TGeoPoint = { lat: number; lon: number };

/**
 * A technician's service zone: a circle, a polygon, or both (a point in either is inside).
 * Polygons are read on the lat/lon plane, which is exact enough for city- and province-sized
 * zones that do not cross the antimeridian or a pole.
 */
export type TServiceZone = {
  circle?: { center: TGeoPoint; radiusKm: number };
  polygon?: readonly TGeoPoint[];
};

export const earthRadiusKm = 6371.0088;
const toRad = Math.PI / 180;

/**
 * The haversine term for two points given in radians with their latitude cosines precomputed,
 * so the dispatch loop can compare against a threshold without the square root and arcsine.
 */
export function haversineTerm(lat1: number, lon1: number, cosLat1: number, lat2: number, lon2: number, cosLat2: number): number {
  const sinLat = Math.sin((lat2 - lat1) / 2);
  const sinLon = Math.sin((lon2 - lon1) / 2);
  return sinLat * sinLat + cosLat1 * cosLat2 * sinLon * sinLon;
}

export function kmFromHaversineTerm(term: number): number {
  return 2 * earthRadiusKm * Math.asin(Math.sqrt(Math.min(1, term)));
}

/** The haversine term a circle of this radius reaches: inside when the term is at most this. */
export function haversineTermForKm(km: number): number {
  const s = Math.sin(Math.min(km, Math.PI * earthRadiusKm) / (2 * earthRadiusKm));
  return s * s;
}

/** Great-circle distance in km on a spherical Earth (mean radius). */
export function haversineKm(a: TGeoPoint, b: TGeoPoint): number {
  const lat1 = a.lat * toRad;
  const lat2 = b.lat * toRad;
  return kmFromHaversineTerm(haversineTerm(lat1, a.lon * toRad, Math.cos(lat1), lat2, b.lon * toRad, Math.cos(lat2)));
}

export function isInCircle(point: TGeoPoint, center: TGeoPoint, radiusKm: number): boolean {
  return haversineKm(point, center) <= radiusKm;
}

/**
 * Ray casting over a flat [lat0, lon0, lat1, lon1, …] ring (degrees), the form the technician
 * index keeps so the loop reads one typed array.
 */
export function isInFlatPolygon(lat: number, lon: number, ring: Float64Array): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const latI = ring[i]!;
    const lonI = ring[i + 1]!;
    const latJ = ring[j]!;
    const lonJ = ring[j + 1]!;
    if (latI > lat !== latJ > lat && lon < ((lonJ - lonI) * (lat - latI)) / (latJ - latI) + lonI) inside = !inside;
  }
  return inside;
}

export function flattenPolygon(polygon: readonly TGeoPoint[]): Float64Array {
  const ring = new Float64Array(polygon.length * 2);
  polygon.forEach((p, i) => {
    ring[i * 2] = p.lat;
    ring[i * 2 + 1] = p.lon;
  });
  return ring;
}

export function isInPolygon(point: TGeoPoint, polygon: readonly TGeoPoint[]): boolean {
  return polygon.length >= 3 && isInFlatPolygon(point.lat, point.lon, flattenPolygon(polygon));
}

/** A zone with neither shape covers nowhere: an unconfigured zone must not mean "everywhere". */
export function isInZone(point: TGeoPoint, zone: TServiceZone): boolean {
  if (zone.circle && isInCircle(point, zone.circle.center, zone.circle.radiusKm)) return true;
  return zone.polygon !== undefined && isInPolygon(point, zone.polygon);
}
