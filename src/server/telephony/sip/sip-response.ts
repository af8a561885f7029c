import { findTag } from './sip-address.ts';
import type { SipHeader, SipRequest, SipResponse } from './sip-message.ts';

export interface BuildResponseOptions {
  /** Added to To when it has none: the UAS's half of the dialog identifier. Ignored for 100 Trying (RFC 3261 8.2.6.2). */
  toTag?: string;
  headers?: SipHeader[];
  body?: string;
}

const COPIED_HEADERS = new Set(['Via', 'From', 'To', 'Call-ID', 'CSeq']);

/** Builds a response that the transaction layer can match to `request` (RFC 3261 8.2.6). */
export function buildResponse(
  request: SipRequest,
  status: number,
  reason: string,
  options: BuildResponseOptions = {},
): SipResponse {
  if (!Number.isInteger(status) || status < 100 || status > 699) throw new RangeError(`invalid SIP status ${status}`);
  if (/[\r\n]/.test(reason)) throw new RangeError('reason phrase contains a line break');
  // Record-Route is echoed in dialog-creating responses so the caller's route set matches ours (RFC 3261 12.1.1).
  const copyRecordRoute = status > 100 && status < 300;
  const headers: SipHeader[] = [];
  for (const header of request.headers) {
    if (COPIED_HEADERS.has(header.name) || (copyRecordRoute && header.name === 'Record-Route')) {
      let value = header.value;
      if (header.name === 'To' && options.toTag !== undefined && status > 100 && findTag(value) === undefined) {
        value = `${value};tag=${options.toTag}`;
      }
      headers.push({ name: header.name, value });
    }
  }
  headers.push(...(options.headers ?? []));
  return { type: 'response', status, reason, headers, body: options.body ?? '' };
}
