import { useSyncExternalStore } from 'react';
import { getLocation, subscribeToLocation, type TLocation } from './history.ts';

export function useLocation(): TLocation {
  return useSyncExternalStore(subscribeToLocation, getLocation);
}

export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useLocation().search);
}
