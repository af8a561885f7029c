import { canonicalHeaderName } from './sip-header-names.ts';
import { newTag } from './sip-ids.ts';
import type { SipHeader, SipRequest, SipResponse } from './sip-message.ts';
import { buildResponse } from './sip-response.ts';

const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) SIP\/2\.0$/i;
const CONTROL_CHARS = /[\x00-\x08\x0A-\x1F\x7F]/;
const NEEDED = ['Via', 'From', 'To', 'Call-ID', 'CSeq'] as const;
const lenientUtf8 = new TextDecoder('utf-8');

function headerLines(bytes: Uint8Array, maxBytes: number): string[] {
  const text = lenientUtf8.decode(bytes.subarray(0, Math.min(bytes.length, maxBytes)));
  const lines: string[] = [];
  for (const line of text.replace(/^[\r\n]+/, '').split(/\r?\n/)) {
    if (line === '') break;
    lines.push(line);
  }
  return lines;
}

/**
 * A 400 for a request the strict parser refused, when enough of it is readable to route the answer
 * (RFC 3261 8.2.6 needs Via, From, To, Call-ID and CSeq). Anything less, and ACKs, which are never answered,
 * give undefined: the caller drops those silently.
 */
export function buildBadRequestResponse(bytes: Uint8Array, problem: string, maxBytes = 65535): SipResponse | undefined {
  const lines = headerLines(bytes, maxBytes);
  const startLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (!startLine || startLine[1] === undefined || startLine[2] === undefined || startLine[1].toUpperCase() === 'ACK') return undefined;
  const headers: SipHeader[] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = canonicalHeaderName(line.slice(0, colon).trim());
    const value = line.slice(colon + 1).trim();
    if (!(NEEDED as readonly string[]).includes(name) || value === '' || CONTROL_CHARS.test(value)) continue;
    if (name !== 'Via' && headers.some((h) => h.name === name)) continue;
    headers.push({ name, value });
  }
  if (NEEDED.some((name) => !headers.some((h) => h.name === name))) return undefined;
  const request: SipRequest = { type: 'request', method: startLine[1], uri: startLine[2], headers, body: '' };
  const warning = problem.replace(/[^A-Za-z0-9 .:_-]/g, '').slice(0, 80);
  return buildResponse(request, 400, 'Bad Request', {
    toTag: newTag(),
    headers: [{ name: 'Warning', value: `399 centralita "${warning}"` }],
  });
}

/**
 * The length of the next message in a stream judged only by its blank line and Content-Length, so one
 * message the strict parser refused can be skipped without losing the framing of the ones after it.
 */
export function findFrameLength(bytes: Uint8Array, maxHeaderBytes = 65535): number | undefined {
  let start = 0;
  while (start < bytes.length && (bytes[start] === 13 || bytes[start] === 10)) start++;
  const limit = Math.min(bytes.length, start + maxHeaderBytes + 4);
  for (let i = start; i < limit - 1; i++) {
    if (bytes[i] !== 10) continue;
    let bodyStart: number;
    if (bytes[i + 1] === 10) bodyStart = i + 2;
    else if (bytes[i + 1] === 13 && bytes[i + 2] === 10) bodyStart = i + 3;
    else continue;
    const lengths = headerLines(bytes.subarray(start, i), maxHeaderBytes)
      .map((line) => /^\s*(?:content-length|l)\s*:\s*(\S*)\s*$/i.exec(line)?.[1])
      .filter((value) => value !== undefined);
    const text = lengths[0];
    if (lengths.length !== 1 || text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
    return bodyStart + Number(text);
  }
  return undefined;
}
