import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCaller, findDialledNumber } from '../../../src/server/telephony/sip/sip-call-identity.ts';
import { parseInfoDtmf } from '../../../src/server/telephony/sip/sip-info-dtmf.ts';
import { parseSipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';

test('INFO DTMF bodies in both common formats', () => {
  assert.deepEqual(parseInfoDtmf('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n'), { digit: '5', durationMs: 160 });
  assert.deepEqual(parseInfoDtmf('Application/DTMF-Relay; charset=utf-8', 'signal = *\nduration=abc'), { digit: '*' });
  assert.deepEqual(parseInfoDtmf('application/dtmf-relay', 'Signal=11\r\n'), { digit: '#' });
  assert.deepEqual(parseInfoDtmf('application/dtmf', ' d\r\n'), { digit: 'D' });
  assert.equal(parseInfoDtmf('application/dtmf-relay', 'Signal=55'), undefined);
  assert.equal(parseInfoDtmf('application/sdp', 'Signal=5'), undefined);
  assert.equal(parseInfoDtmf(undefined, '5'), undefined);
});

function invite(uri: string, extra: string[]): SipRequest {
  const result = parseSipMessage(
    [
      `INVITE ${uri} SIP/2.0`,
      'Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKid',
      'Max-Forwards: 70',
      'From: "Ana García" <sip:600111222@carrier.example>;tag=1',
      'To: <sip:+34910000000@centralita.example>',
      'Call-ID: id-1',
      'CSeq: 1 INVITE',
      ...extra,
      '',
      '',
    ].join('\r\n'),
  );
  if (!result.ok || result.message.type !== 'request') throw new Error('bad fixture');
  return result.message;
}

test('dialled number from the Request-URI, else To; caller from P-Asserted-Identity, else From', () => {
  const plain = invite('sip:100;npdi@127.0.0.1', []);
  assert.equal(findDialledNumber(plain), '100');
  assert.deepEqual(findCaller(plain), { user: '600111222', displayName: 'Ana García' });

  const viaRegistrar = invite('sip:127.0.0.1:5060', ['P-Asserted-Identity: "Recepción" <tel:+34600999888;cpc=ordinary>']);
  assert.equal(findDialledNumber(viaRegistrar), '+34910000000');
  assert.deepEqual(findCaller(viaRegistrar), { user: '+34600999888', displayName: 'Recepción' });

  const sipPai = invite('sip:%2B34910000001@127.0.0.1', ['P-Asserted-Identity: <sip:+34600777666@carrier.example;user=phone>']);
  assert.equal(findDialledNumber(sipPai), '+34910000001');
  assert.deepEqual(findCaller(sipPai), { user: '+34600777666' });
});
