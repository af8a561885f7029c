import { createContext, useContext, useEffect, useState } from 'react';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';

/** Loads each tenant's current intake schema once per session; null when a tenant has none. */
export type TProtocolCache = {
  load: (tenantId: string) => Promise<TIntakeSchema | null>;
  peek: (tenantId: string) => TIntakeSchema | null | undefined;
};

export const ProtocolContext = createContext<TProtocolCache | null>(null);

function useProtocolCache(): TProtocolCache {
  const cache = useContext(ProtocolContext);
  if (!cache) throw new Error('protocol hooks need a ProtocolProvider');
  return cache;
}

/** The intake schemas of the given tenants, filled in as they arrive. */
export function useIntakeSchemas(tenantIds: readonly string[]): ReadonlyMap<string, TIntakeSchema | null> {
  const cache = useProtocolCache();
  const key = [...new Set(tenantIds)].sort().join(',');
  const [, setLoaded] = useState(0);

  useEffect(() => {
    let live = true;
    const missing = key.split(',').filter((id) => id && cache.peek(id) === undefined);
    for (const id of missing) {
      void cache.load(id).then(() => {
        if (live) setLoaded((n) => n + 1);
      });
    }
    return () => {
      live = false;
    };
  }, [cache, key]);

  const schemas = new Map<string, TIntakeSchema | null>();
  for (const id of key.split(',')) {
    const schema = id ? cache.peek(id) : undefined;
    if (schema !== undefined) schemas.set(id, schema);
  }
  return schemas;
}

export function useIntakeSchema(tenantId: string | undefined): TIntakeSchema | null | undefined {
  return useIntakeSchemas(tenantId ? [tenantId] : []).get(tenantId ?? '');
}
