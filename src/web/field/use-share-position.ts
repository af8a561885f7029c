import { useEffect, useState } from 'react';
import type { TApiClient } from '../api/client.ts';
import { reportPosition } from '../api/field.ts';

/** One fix every two minutes is plenty for "who is nearest" and spares the battery. */
const minIntervalMs = 120_000;

/** Sends the phone's position while the view is open, when the technician has allowed it. */
export function useSharePosition(api: TApiClient, tenantId: string | undefined, technicianId: string | undefined): boolean {
  const [sharing, setSharing] = useState(false);
  useEffect(() => {
    if (!tenantId || !technicianId || !('geolocation' in navigator)) return;
    let last = 0;
    const watch = navigator.geolocation.watchPosition(
      (fix) => {
        setSharing(true);
        if (Date.now() - last < minIntervalMs) return;
        last = Date.now();
        // A lost fix is not worth queueing: the next one replaces it.
        void reportPosition(api, tenantId, technicianId, {
          lat: fix.coords.latitude, lon: fix.coords.longitude, at: new Date(fix.timestamp).toISOString(),
        }).catch(() => undefined);
      },
      () => setSharing(false),
      { enableHighAccuracy: false, maximumAge: 60_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [api, tenantId, technicianId]);
  return sharing;
}
