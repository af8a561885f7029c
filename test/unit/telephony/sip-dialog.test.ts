import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInDialogRequest, createUasDialog, incomingDialogKey } from '../../../src/server/telephony/sip/sip-dialog.ts';
import { findHeader, getHeaderValues, parseSipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import type { SipSource } from '../../../src/server/telephony/sip/sip-transport-types.ts';

const udp: SipSource = { transport: 'udp', address: '10.0.0.1', port: 5060 };

function invite(recordRoutes: string[], contact = '<sip:ana@192.0.2.5:5062>'): SipRequest {
  const result = parseSipMessage(
    [
      'INVITE sip:100@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKd',
      'Max-Forwards: 69',
      'From: <sip:ana@example.org>;tag=remote',
      'To: <sip:100@example.com>',
      'Call-ID: dlg-1',
      'CSeq: 314 INVITE',
      `Contact: ${contact}`,
      ...recordRoutes.map((r) => `Record-Route: ${r}`),
      '',
      '',
    ].join('\r\n'),
  );
  if (!result.ok || result.message.type !== 'request') throw new Error('bad fixture');
  return result.message;
}

test('the UAS dialog takes the route set from Record-Route and the target from Contact', () => {
  const dialog = createUasDialog(invite(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']), udp, 'local');
  assert.ok(dialog);
  assert.equal(dialog.remoteSeq, 314);
  assert.equal(dialog.localParty, '<sip:100@example.com>;tag=local');
  const first = dialog.localSeq;
  const bye = buildInDialogRequest(dialog, 'BYE');
  assert.ok(bye);
  assert.equal(bye.request.uri, 'sip:ana@192.0.2.5:5062');
  assert.deepEqual(getHeaderValues(bye.request, 'Route'), ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
  assert.deepEqual(bye.destination, { transport: 'udp', address: 'p1.example.com', port: 5060 });
  assert.equal(findHeader(bye.request, 'CSeq'), `${first + 1} BYE`);
  assert.equal(findHeader(bye.request, 'To'), '<sip:ana@example.org>;tag=remote');
  assert.equal(incomingDialogKey({ ...bye.request, headers: [
    { name: 'Call-ID', value: 'dlg-1' }, { name: 'To', value: dialog.localParty }, { name: 'From', value: dialog.remoteParty },
  ] }), 'dlg-1|local|remote');
});

test('a strict router becomes the Request-URI and the remote target the last Route', () => {
  const dialog = createUasDialog(invite(['<sip:strict.example.com>']), udp, 'local');
  assert.ok(dialog);
  const bye = buildInDialogRequest(dialog, 'BYE');
  assert.equal(bye?.request.uri, 'sip:strict.example.com');
  assert.deepEqual(getHeaderValues(bye!.request, 'Route'), ['<sip:ana@192.0.2.5:5062>']);
});

test('no dialog without a usable Contact', () => {
  assert.equal(createUasDialog(invite([], '<tel:+34600111222>'), udp, 'local'), undefined);
});
