export type TRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): TRecord | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as TRecord) : undefined;
}

export function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The first of several keys that holds text, for payloads whose exact naming the server may vary. */
export function pickText(record: TRecord | undefined, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const text = asText(record?.[key]);
    if (text) return text;
  }
  return undefined;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
