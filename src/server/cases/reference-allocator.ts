import type { Queryable } from '../platform/db/database.ts';
import { referenceFor } from './reference-number.ts';

const blockSize = 32;

/**
 * Hands out references from counters reserved in blocks, so a busy desk does not pay a round
 * trip per case. Sequence values are never reused; a restart only leaves a small gap.
 */
export function createReferenceAllocator(key: Buffer) {
  const reserved: number[] = [];
  let refill: Promise<void> | undefined;
  return {
    async next(db: Queryable): Promise<string> {
      while (reserved.length === 0) {
        refill ??= db
          .query<{ n: number }>(`select nextval('case_reference_seq')::int as n from generate_series(1, ${blockSize})`)
          .then((rows) => {
            reserved.push(...rows.map((r) => r.n));
          })
          .finally(() => {
            refill = undefined;
          });
        await refill;
      }
      return referenceFor(reserved.shift()!, key);
    },
  };
}

export type ReferenceAllocator = ReturnType<typeof createReferenceAllocator>;
