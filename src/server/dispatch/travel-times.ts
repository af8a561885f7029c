import type { TGeoPoint } from './geo.ts';

export type TRoadLeg = { km: number; seconds: number };

/**
 * Road distance and time from several technicians to one job. The desk picks the adapter once:
 * OSRM when OSRM_URL is set, otherwise none, and dispatch keeps its great-circle distances.
 */
export interface TravelTimes {
  readonly kind: 'great_circle' | 'road';
  /** One entry per origin, null where the router found no route; throws when the router is unreachable. */
  measure(origins: readonly TGeoPoint[], destination: TGeoPoint): Promise<(TRoadLeg | null)[]>;
}

export const greatCircleOnly: TravelTimes = { kind: 'great_circle', measure: async (origins) => origins.map(() => null) };

type OsrmTable = { code: string; durations?: (number | null)[][]; distances?: (number | null)[][]; message?: string };

/** OSRM's table service: every origin as a source, the job as the one destination. */
export function createOsrmTravelTimes(options: { baseUrl: string; timeoutMs?: number; fetch?: typeof fetch }): TravelTimes {
  const doFetch = options.fetch ?? fetch;
  return {
    kind: 'road',
    async measure(origins, destination) {
      if (origins.length === 0) return [];
      // OSRM wants lon,lat with at most 6 decimals (about 10 cm).
      const coordinates = [...origins, destination].map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
      const sources = origins.map((_, i) => i).join(';');
      const url = `${options.baseUrl}/table/v1/driving/${coordinates}?sources=${sources}&destinations=${origins.length}&annotations=duration,distance`;
      const response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 2_000) });
      const body = (await response.json()) as OsrmTable;
      if (!response.ok || body.code !== 'Ok' || !body.durations) throw new Error(`OSRM answered ${response.status} ${body.code}: ${body.message ?? ''}`);
      return origins.map((_, i) => {
        const seconds = body.durations?.[i]?.[0];
        const metres = body.distances?.[i]?.[0];
        return typeof seconds === 'number' && typeof metres === 'number' ? { km: metres / 1000, seconds } : null;
      });
    },
  };
}
