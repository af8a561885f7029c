import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTopVia, getHeaderValues, parseSipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import { destinationForUriText, responseDestination, stampReceived } from '../../../src/server/telephony/sip/sip-routing.ts';
import type { SipConnection, SipSource } from '../../../src/server/telephony/sip/sip-transport-types.ts';

function requestWithVia(via: string, transport = 'UDP'): SipRequest {
  const result = parseSipMessage(
    [
      'OPTIONS sip:100@127.0.0.1 SIP/2.0',
      `Via: ${via.replace('{T}', transport)}, SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKproxy`,
      'Max-Forwards: 70',
      'From: <sip:a@127.0.0.1>;tag=1',
      'To: <sip:100@127.0.0.1>',
      'Call-ID: r1',
      'CSeq: 1 OPTIONS',
      '',
      '',
    ].join('\r\n'),
  );
  if (!result.ok || result.message.type !== 'request') throw new Error('bad fixture');
  return result.message;
}

const natSource: SipSource = { transport: 'udp', address: '203.0.113.9', port: 40123 };

test('rport asked for: received and rport are filled in and the response goes to the packet source (RFC 3581)', () => {
  const request = requestWithVia('SIP/2.0/{T} 192.168.1.20:5060;branch=z9hG4bKa;rport');
  stampReceived(request, natSource);
  const via = findTopVia(request);
  assert.equal(via?.received, '203.0.113.9');
  assert.equal(via?.rport, 40123);
  assert.equal(getHeaderValues(request, 'Via').length, 2, 'the second Via in the same line is kept');
  assert.deepEqual(responseDestination(request, natSource), { transport: 'udp', address: '203.0.113.9', port: 40123 });
});

test('without rport: received only when the address differs, and the response goes to received:sent-by port', () => {
  const request = requestWithVia('SIP/2.0/{T} 192.168.1.20:5070;branch=z9hG4bKb');
  stampReceived(request, natSource);
  assert.equal(findTopVia(request)?.received, '203.0.113.9');
  assert.equal(findTopVia(request)?.rport, undefined);
  assert.deepEqual(responseDestination(request, natSource), { transport: 'udp', address: '203.0.113.9', port: 5070 });

  const same = requestWithVia('SIP/2.0/{T} 203.0.113.9;branch=z9hG4bKc');
  stampReceived(same, natSource);
  assert.equal(findTopVia(same)?.received, undefined);
  assert.deepEqual(responseDestination(same, natSource), { transport: 'udp', address: '203.0.113.9', port: 5060 });
});

test('over TCP the response uses the open connection, else the Via sent-by', () => {
  const connection: SipConnection = { id: 1, remoteAddress: '203.0.113.9', remotePort: 50000, closed: false };
  const source: SipSource = { transport: 'tcp', address: '203.0.113.9', port: 50000, connection };
  const request = requestWithVia('SIP/2.0/{T} 192.168.1.20:5080;branch=z9hG4bKd', 'TCP');
  stampReceived(request, source);
  assert.equal(responseDestination(request, source).connection, connection);
  const closed = { ...source, connection: { ...connection, closed: true } };
  assert.deepEqual(responseDestination(request, closed), { transport: 'tcp', address: '203.0.113.9', port: 5080 });
});

test('request destinations come from the URI: transport parameter, default port, no sips without TLS', () => {
  assert.deepEqual(destinationForUriText('sip:provider.example'), { transport: 'udp', address: 'provider.example', port: 5060 });
  assert.deepEqual(destinationForUriText('sip:a@[::1]:5070;transport=TCP'), { transport: 'tcp', address: '::1', port: 5070 });
  assert.equal(destinationForUriText('sips:secure.example'), undefined);
  assert.equal(destinationForUriText('not a uri'), undefined);
});

test('an IPv6 source is written as a bare received address', () => {
  const request = requestWithVia('SIP/2.0/{T} [2001:db8::5]:5060;branch=z9hG4bKv6;rport');
  stampReceived(request, { transport: 'udp', address: '2001:db8::9', port: 5062 });
  assert.match(getHeaderValues(request, 'Via')[0] ?? '', /;received=2001:db8::9;rport=5062$|;rport=5062;received=2001:db8::9$/);
  assert.equal(findTopVia(request)?.received, '2001:db8::9');
});
