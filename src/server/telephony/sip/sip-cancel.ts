import { findCSeq, findHeader, type SipHeader, type SipRequest } from './sip-message.ts';

/**
 * The CANCEL of a pending INVITE (RFC 3261 9.1): the INVITE's top Via (same branch, so the callee matches it
 * to its transaction), Request-URI, From, To, Call-ID and CSeq number, with the method CANCEL.
 */
export function buildCancel(invite: SipRequest, extraHeaders: SipHeader[] = []): SipRequest {
  const pick = (name: string) => findHeader(invite, name) ?? '';
  return {
    type: 'request', method: 'CANCEL', uri: invite.uri, body: '',
    headers: [
      { name: 'Via', value: pick('Via') },
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: pick('From') },
      { name: 'To', value: pick('To') },
      { name: 'Call-ID', value: pick('Call-ID') },
      { name: 'CSeq', value: `${findCSeq(invite)?.seq ?? 1} CANCEL` },
      ...invite.headers.filter((h) => h.name === 'Route'),
      ...extraHeaders,
    ],
  };
}
