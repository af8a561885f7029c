import { parseNameAddr, parseParams, parseSipUri, splitOutsideQuotes } from './sip-address.ts';
import { canonicalHeaderName, isListHeader } from './sip-header-names.ts';

export interface SipHeader {
  /** Canonical full name (`Call-ID`, `Via`); compact forms are expanded on parse. */
  name: string;
  value: string;
}

export interface SipRequest {
  type: 'request';
  method: string;
  uri: string;
  headers: SipHeader[];
  body: string;
}

export interface SipResponse {
  type: 'response';
  status: number;
  reason: string;
  headers: SipHeader[];
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

export type SipParseFailure =
  | 'empty'
  | 'truncated'
  | 'headers-too-large'
  | 'not-text'
  | 'invalid-start-line'
  | 'invalid-request-uri'
  | 'invalid-header'
  | 'invalid-content-length'
  | 'missing-content-length'
  | 'body-too-large'
  | 'missing-header'
  | 'invalid-via'
  | 'invalid-cseq'
  | 'invalid-max-forwards'
  | 'invalid-address';

export type SipParseResult =
  | { ok: true; message: SipMessage; bytesConsumed: number }
  | { ok: false; reason: SipParseFailure; detail: string };

export interface SipParseOptions {
  /** Stream transports (TCP) need Content-Length to frame; datagrams take the rest of the packet as body. */
  stream?: boolean;
  maxHeaderBytes?: number;
  maxBodyBytes?: number;
}

export interface Via {
  protocol: string;
  transport: string;
  host: string;
  port?: number;
  params: Map<string, string | null>;
  branch?: string;
  received?: string;
  /** A number once a proxy filled it in, true when the sender only asked for it (RFC 3581). */
  rport?: number | true;
}

export interface CSeq {
  seq: number;
  method: string;
}

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) SIP\/2\.0$/i;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d)(?: (.*))?$/i;
const CONTROL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const utf8 = new TextEncoder();

function fail(reason: SipParseFailure, detail: string): SipParseResult {
  return { ok: false, reason, detail };
}

function findHeaderEnd(bytes: Uint8Array, from: number): { end: number; bodyStart: number } | undefined {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] !== 10) continue;
    if (bytes[i + 1] === 10) return { end: i, bodyStart: i + 2 };
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return { end: i, bodyStart: i + 3 };
  }
  return undefined;
}

/** Parses one SIP message from the start of `input`; never throws, whatever the bytes. */
export function parseSipMessage(input: Uint8Array | string, options: SipParseOptions = {}): SipParseResult {
  const maxHeaderBytes = options.maxHeaderBytes ?? 65535;
  const maxBodyBytes = options.maxBodyBytes ?? 65535;
  const bytes = typeof input === 'string' ? utf8.encode(input) : input;
  let start = 0;
  while (start < bytes.length && (bytes[start] === 13 || bytes[start] === 10)) start++;
  if (start === bytes.length) return fail('empty', 'no message, only line breaks or nothing');
  const bounds = findHeaderEnd(bytes, start);
  if (!bounds) {
    return bytes.length - start > maxHeaderBytes
      ? fail('headers-too-large', `no end of headers within ${maxHeaderBytes} bytes`)
      : fail('truncated', 'no empty line after the headers');
  }
  if (bounds.end - start > maxHeaderBytes) return fail('headers-too-large', `headers exceed ${maxHeaderBytes} bytes`);
  let headerText: string;
  try {
    headerText = strictUtf8.decode(bytes.subarray(start, bounds.end)).replace(/\r$/, '');
  } catch {
    return fail('not-text', 'headers are not valid UTF-8');
  }
  if (CONTROL_CHARS.test(headerText) || /\r(?!\n)/.test(headerText)) return fail('not-text', 'control characters in headers');
  const lines = headerText.split(/\r?\n/);
  const startLine = lines[0] ?? '';
  const headers: SipHeader[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const previous = headers[headers.length - 1];
      if (!previous) return fail('invalid-header', 'continuation line before any header');
      previous.value = `${previous.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trimEnd();
    if (!TOKEN.test(name)) return fail('invalid-header', `malformed header line ${JSON.stringify(line.slice(0, 40))}`);
    headers.push({ name: canonicalHeaderName(name), value: line.slice(colon + 1).trim() });
  }

  const lengths = headers.filter((h) => h.name === 'Content-Length').map((h) => h.value);
  let contentLength: number | undefined;
  for (const text of lengths) {
    if (!/^\d{1,12}$/.test(text)) return fail('invalid-content-length', `Content-Length ${JSON.stringify(text.slice(0, 20))}`);
    const value = Number(text);
    if (contentLength !== undefined && value !== contentLength) return fail('invalid-content-length', 'conflicting Content-Length headers');
    contentLength = value;
  }
  const available = bytes.length - bounds.bodyStart;
  if (contentLength === undefined && options.stream) return fail('missing-content-length', 'stream transports need Content-Length');
  const bodyLength = contentLength ?? available;
  if (bodyLength > maxBodyBytes) return fail('body-too-large', `body of ${bodyLength} bytes exceeds ${maxBodyBytes}`);
  if (bodyLength > available) return fail('truncated', `body has ${available} of ${bodyLength} bytes`);
  const body = lenientUtf8.decode(bytes.subarray(bounds.bodyStart, bounds.bodyStart + bodyLength));
  const bytesConsumed = bounds.bodyStart + bodyLength;

  let message: SipMessage;
  const request = REQUEST_LINE.exec(startLine);
  const status = request ? null : STATUS_LINE.exec(startLine);
  if (request && request[1] !== undefined && request[2] !== undefined) {
    const uri = request[2];
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(uri) || (/^sips?:/i.test(uri) && !parseSipUri(uri))) {
      return fail('invalid-request-uri', `Request-URI ${JSON.stringify(uri.slice(0, 60))}`);
    }
    message = { type: 'request', method: request[1], uri, headers, body };
  } else if (status && status[1] !== undefined) {
    message = { type: 'response', status: Number(status[1]), reason: status[2] ?? '', headers, body };
  } else {
    return fail('invalid-start-line', `start line ${JSON.stringify(startLine.slice(0, 60))}`);
  }
  const problem = checkMandatoryHeaders(message);
  return problem ?? { ok: true, message, bytesConsumed };
}

function checkMandatoryHeaders(message: SipMessage): SipParseResult | undefined {
  const required = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];
  if (message.type === 'request') required.push('Max-Forwards');
  for (const name of required) {
    const value = findHeader(message, name);
    if (value === undefined || value === '') return fail('missing-header', `${name} is missing`);
  }
  if (!findTopVia(message)) return fail('invalid-via', 'top Via cannot be parsed');
  const cseq = findCSeq(message);
  if (!cseq) return fail('invalid-cseq', 'CSeq cannot be parsed');
  if (message.type === 'request' && cseq.method !== message.method) {
    return fail('invalid-cseq', `CSeq method ${cseq.method} does not match ${message.method}`);
  }
  if (message.type === 'request') {
    const hops = findHeader(message, 'Max-Forwards') ?? '';
    if (!/^\d{1,3}$/.test(hops) || Number(hops) > 255) return fail('invalid-max-forwards', `Max-Forwards ${JSON.stringify(hops.slice(0, 20))}`);
  }
  for (const name of ['From', 'To']) {
    if (!parseNameAddr(findHeader(message, name) ?? '')) return fail('invalid-address', `${name} cannot be parsed`);
  }
  return undefined;
}

/** First value of a header, by any spelling or compact form of its name. */
export function findHeader(message: SipMessage, name: string): string | undefined {
  const wanted = canonicalHeaderName(name).toLowerCase();
  return message.headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

/** Every value of a header in order; list headers (Via, Contact, Route...) are split on their top-level commas. */
export function getHeaderValues(message: SipMessage, name: string): string[] {
  const canonical = canonicalHeaderName(name);
  const wanted = canonical.toLowerCase();
  const values: string[] = [];
  for (const header of message.headers) {
    if (header.name.toLowerCase() !== wanted) continue;
    if (!isListHeader(canonical)) values.push(header.value);
    else for (const part of splitOutsideQuotes(header.value, ',')) if (part.trim() !== '') values.push(part.trim());
  }
  return values;
}

export function parseVia(value: string): Via | undefined {
  const match = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9\-.!%*_+`'~]+)\s+([^;\s]+)\s*(;.*)?$/i.exec(value.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  const sentBy = parseSipUri(`sip:${match[2]}`);
  const params = parseParams(match[3] ?? '');
  if (!sentBy || !params || sentBy.params.size > 0 || sentBy.headers.size > 0 || sentBy.user !== undefined) return undefined;
  const via: Via = { protocol: 'SIP/2.0', transport: match[1].toUpperCase(), host: sentBy.host, params };
  if (sentBy.port !== undefined) via.port = sentBy.port;
  const branch = params.get('branch');
  if (branch) via.branch = branch;
  const received = params.get('received');
  if (received) via.received = received;
  if (params.has('rport')) {
    const rport = params.get('rport');
    if (rport === null || rport === undefined || rport === '') via.rport = true;
    else if (/^\d{1,5}$/.test(rport)) via.rport = Number(rport);
    else return undefined;
  }
  return via;
}

export function findTopVia(message: SipMessage): Via | undefined {
  const top = getHeaderValues(message, 'Via')[0];
  return top === undefined ? undefined : parseVia(top);
}

export function parseCSeq(value: string): CSeq | undefined {
  const match = /^\s*(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)\s*$/.exec(value);
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  const seq = Number(match[1]);
  return seq < 2 ** 31 ? { seq, method: match[2] } : undefined;
}

export function findCSeq(message: SipMessage): CSeq | undefined {
  const value = findHeader(message, 'CSeq');
  return value === undefined ? undefined : parseCSeq(value);
}

/** Serialises with a Content-Length computed from the body; throws on CR/LF inside a line, which would let a value inject headers. */
export function serializeSipMessage(message: SipMessage): Uint8Array {
  const startLine =
    message.type === 'request' ? `${message.method} ${message.uri} SIP/2.0` : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [startLine];
  for (const header of message.headers) {
    if (header.name === 'Content-Length') continue;
    lines.push(`${header.name}: ${header.value}`);
  }
  if (lines.some((line) => /[\r\n]/.test(line))) throw new RangeError('SIP start line or header contains a line break');
  const body = utf8.encode(message.body);
  lines.push(`Content-Length: ${body.length}`);
  const head = utf8.encode(`${lines.join('\r\n')}\r\n\r\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}
