import { useState, type ReactNode } from 'react';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import { getCurrentProtocol } from '../api/tenants.ts';
import { useApi } from '../session/session-context.ts';
import { ProtocolContext, type TProtocolCache } from './protocol-context.ts';

export function ProtocolProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [cache] = useState<TProtocolCache>(() => {
    const settled = new Map<string, TIntakeSchema | null>();
    const pending = new Map<string, Promise<TIntakeSchema | null>>();
    return {
      peek: (tenantId) => settled.get(tenantId),
      load: (tenantId) => {
        const known = settled.get(tenantId);
        if (known !== undefined) return Promise.resolve(known);
        const inFlight = pending.get(tenantId);
        if (inFlight) return inFlight;
        // Without a protocol the screens fall back to raw keys, so a failure is not worth an error banner.
        const promise = getCurrentProtocol(api, tenantId).then(
          (protocol) => protocol.intakeSchema,
          () => null,
        );
        pending.set(tenantId, promise);
        void promise.then((schema) => {
          settled.set(tenantId, schema);
          pending.delete(tenantId);
        });
        return promise;
      },
    };
  });
  return <ProtocolContext.Provider value={cache}>{children}</ProtocolContext.Provider>;
}
