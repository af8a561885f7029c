import { z } from 'zod';

export const dispatchStrategies = ['nearest', 'most_specialised', 'free_now', 'round_robin', 'least_loaded', 'weighted'] as const;
export const ZDispatchStrategy = z.enum(dispatchStrategies);
export type TDispatchStrategy = z.infer<typeof ZDispatchStrategy>;

/** The five scores every candidate gets; each single strategy is one of them with weight 1. */
export const scoreParts = ['distance', 'specialisation', 'availability', 'load', 'fairness'] as const;
export type TScorePart = (typeof scoreParts)[number];

const ZWeight = z.number().min(0, 'weights cannot be negative').max(100);

export const ZDispatchWeights = z
  .object({
    distance: ZWeight.default(0),
    specialisation: ZWeight.default(0),
    availability: ZWeight.default(0),
    load: ZWeight.default(0),
    fairness: ZWeight.default(0),
  })
  .strict()
  .refine((w) => scoreParts.some((part) => w[part] > 0), 'at least one weight must be greater than 0');
export type TDispatchWeights = z.infer<typeof ZDispatchWeights>;

export const defaultDispatchWeights: TDispatchWeights = { distance: 4, specialisation: 3, availability: 1, load: 1, fairness: 1 };

export const ZDispatchFilters = z
  .object({
    requireSkill: z.boolean().default(true),
    requireOnDuty: z.boolean().default(true),
    requireZone: z.boolean().default(true),
    maxDistanceKm: z.number().positive().max(2000).optional(),
  })
  .strict();
export type TDispatchFilters = z.infer<typeof ZDispatchFilters>;

/**
 * A tenant's dispatch policy, part of its published protocol. Weights are only read by the
 * `weighted` strategy; they are relative (the decision normalises them to sum 1).
 */
export const ZDispatchPolicy = z
  .object({
    strategy: ZDispatchStrategy.default('weighted'),
    // prefault, not default: zod 4 returns a default as is, which would skip the inner defaults.
    weights: ZDispatchWeights.prefault(defaultDispatchWeights),
    filters: ZDispatchFilters.prefault({}),
    urgentOutOfHours: z.enum(['on_call', 'queue']).default('on_call'),
    offerTimeoutSeconds: z.number().int().min(30).max(3600).default(300),
    maxCandidates: z.number().int().min(1).max(50).default(5),
    /** Dispatch every new case at once (a worker sweeps them, so a restart loses none). */
    autoDispatch: z.boolean().default(false),
  })
  .strict();
export type TDispatchPolicy = z.infer<typeof ZDispatchPolicy>;
export type TDispatchPolicyInput = z.input<typeof ZDispatchPolicy>;
