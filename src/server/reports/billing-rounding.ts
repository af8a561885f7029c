import type { TBillingRounding } from '../../shared/api/reports.ts';

/**
 * How a carrier bills a call's duration: a minimum first block, then increments. `60/6` bills
 * the first minute whole and then every started 6 seconds; per-second still bills a started
 * second whole.
 */
export const billingBlocks: Readonly<Record<TBillingRounding, { first: number; increment: number }>> = {
  per_second: { first: 1, increment: 1 },
  per_minute: { first: 60, increment: 60 },
  '60/6': { first: 60, increment: 6 },
  '30/6': { first: 30, increment: 6 },
};

/** Billed seconds of one call lasting `seconds` (0 for a call never answered). */
export function billedSeconds(seconds: number, rounding: TBillingRounding): number {
  if (!(seconds > 0)) return 0;
  const { first, increment } = billingBlocks[rounding];
  const whole = Math.ceil(seconds - 1e-9);
  if (whole <= first) return first;
  return first + Math.ceil((whole - first) / increment) * increment;
}

/** The same rule in SQL over `duration` (seconds), taking `first` and `increment` as parameters. */
export const billedSecondsSql = (duration: string, first: string, increment: string) => `
  case when ${duration} is null or ${duration} <= 0 then 0
    when ceil(${duration} - 1e-9) <= ${first} then ${first}
    else ${first} + ceil((ceil(${duration} - 1e-9) - ${first}) / ${increment}) * ${increment} end`;
