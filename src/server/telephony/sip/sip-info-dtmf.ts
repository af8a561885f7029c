export interface InfoDtmf {
  digit: string;
  durationMs?: number;
}

/** RFC 4733 event codes 10-15 are `*`, `#`, A-D; some gateways put the code rather than the character in Signal=. */
const EVENT_CODES = ['*', '#', 'A', 'B', 'C', 'D'];

function normaliseDigit(text: string): string | undefined {
  const value = text.trim().toUpperCase();
  if (/^[0-9*#A-D]$/.test(value)) return value;
  if (/^1[0-5]$/.test(value)) return EVENT_CODES[Number(value) - 10];
  return undefined;
}

/** Reads a DTMF digit from a SIP INFO body: `application/dtmf-relay` (Signal=/Duration=) or `application/dtmf` (the digit alone). */
export function parseInfoDtmf(contentType: string | undefined, body: string): InfoDtmf | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/dtmf') {
    const digit = normaliseDigit(body);
    return digit === undefined ? undefined : { digit };
  }
  if (type !== 'application/dtmf-relay') return undefined;
  const fields = new Map<string, string>();
  for (const line of body.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) fields.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  const digit = normaliseDigit(fields.get('signal') ?? '');
  if (digit === undefined) return undefined;
  const duration = fields.get('duration');
  return duration !== undefined && /^\d{1,6}$/.test(duration) ? { digit, durationMs: Number(duration) } : { digit };
}
