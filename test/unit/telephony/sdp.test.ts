import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildSdp,
  negotiateAudio,
  parseSdp,
  type AudioNegotiation,
  type SdpSession,
} from '../../../src/server/telephony/sip/sdp.ts';

function offer(mediaLines: string[], sessionLines: string[] = ['c=IN IP4 192.168.1.20']): string {
  return ['v=0', 'o=linphone 3411 1022 IN IP4 192.168.1.20', 's=Talk', ...sessionLines, 't=0 0', ...mediaLines, ''].join('\r\n');
}

function parsed(text: string): SdpSession {
  const result = parseSdp(text);
  if (!result.ok) assert.fail(`${result.reason}: ${result.detail}`);
  return result.value;
}

function negotiated(text: string): AudioNegotiation {
  const result = negotiateAudio(parsed(text));
  if (!result.ok) assert.fail(`${result.reason}: ${result.detail}`);
  return result.value;
}

const softphoneOffer = offer([
  'm=audio 7078 RTP/AVP 96 9 8 0 101',
  'a=rtpmap:96 opus/48000/2',
  'a=fmtp:96 useinbandfec=1',
  'a=rtpmap:101 telephone-event/8000',
  'a=ptime:20',
  'a=sendrecv',
  'm=video 9078 RTP/AVP 97',
  'a=rtpmap:97 VP8/90000',
]);

test('parses a softphone offer', () => {
  const session = parsed(softphoneOffer);
  assert.equal(session.origin.sessionId, '3411');
  assert.equal(session.connection?.address, '192.168.1.20');
  assert.equal(session.media.length, 2);
  const audio = session.media[0];
  assert.equal(audio?.port, 7078);
  assert.deepEqual(audio?.formats, [96, 9, 8, 0, 101]);
  assert.deepEqual(audio?.rtpmaps.get(96), { encoding: 'opus', clockRate: 48000, channels: 2 });
  assert.equal(audio?.rtpmaps.get(101)?.encoding, 'telephone-event');
  assert.equal(audio?.fmtps.get(96), 'useinbandfec=1');
  assert.equal(audio?.ptime, 20);
  assert.equal(audio?.direction, 'sendrecv');
  assert.equal(session.media[1]?.type, 'video');
});

test('answers with PCMU when offered, else PCMA, reusing the offer payload types', () => {
  const answer = negotiated(softphoneOffer);
  assert.deepEqual(answer.codec, { payloadType: 0, name: 'PCMU' });
  assert.equal(answer.telephoneEventPayloadType, 101);
  assert.equal(answer.remoteAddress, '192.168.1.20');
  assert.equal(answer.remotePort, 7078);
  assert.equal(answer.ptime, 20);
  assert.equal(answer.direction, 'sendrecv');

  assert.deepEqual(negotiated(offer(['m=audio 4000 RTP/AVP 8 0'])).codec, { payloadType: 0, name: 'PCMU' });
  const alaw = negotiated(offer(['m=audio 4000 RTP/AVP 18 8', 'a=rtpmap:18 G729/8000']));
  assert.deepEqual(alaw.codec, { payloadType: 8, name: 'PCMA' });
  assert.equal(alaw.telephoneEventPayloadType, undefined);
  const dynamic = negotiated(offer(['m=audio 4000 RTP/AVP 110 96', 'a=rtpmap:110 pcmu/8000', 'a=rtpmap:96 telephone-event/8000']));
  assert.deepEqual(dynamic.codec, { payloadType: 110, name: 'PCMU' });
  assert.equal(dynamic.telephoneEventPayloadType, 96);
  const remapped = negotiateAudio(parsed(offer(['m=audio 4000 RTP/AVP 0', 'a=rtpmap:0 G722/8000'])));
  assert.equal(remapped.ok ? 'ok' : remapped.reason, 'no-common-codec');
  const wideband = negotiateAudio(parsed(offer(['m=audio 4000 RTP/AVP 9 96', 'a=rtpmap:96 telephone-event/8000'])));
  assert.equal(wideband.ok ? 'ok' : wideband.reason, 'no-common-codec');
});

test('mirrors direction, honours media-level connections and skips rejected streams', () => {
  assert.equal(negotiated(offer(['m=audio 4000 RTP/AVP 0', 'a=sendonly'])).direction, 'recvonly');
  assert.equal(negotiated(offer(['m=audio 4000 RTP/AVP 0', 'a=recvonly'])).direction, 'sendonly');
  assert.equal(negotiated(offer(['m=audio 4000 RTP/AVP 0'], ['c=IN IP4 192.168.1.20', 'a=inactive'])).direction, 'inactive');
  assert.equal(negotiated(offer(['m=audio 4000 RTP/AVP 0'], ['c=IN IP4 0.0.0.0'])).direction, 'inactive');
  const mediaLevel = negotiated(offer(['m=audio 4000 RTP/AVP 0', 'c=IN IP4 10.1.2.3']));
  assert.equal(mediaLevel.remoteAddress, '10.1.2.3');
  const second = negotiated(offer(['m=audio 0 RTP/AVP 0', 'm=audio 5000 RTP/AVP 8']));
  assert.equal(second.remotePort, 5000);
  assert.equal(second.codec.name, 'PCMA');
  const none = negotiateAudio(parsed(offer(['m=audio 0 RTP/AVP 0', 'm=audio 5000 RTP/SAVP 0'])));
  assert.equal(none.ok ? 'ok' : none.reason, 'no-audio');
  const noMedia = parsed(offer([], []));
  assert.equal(noMedia.media.length, 0);
});

test('builds an answer that parses back to the same choice', () => {
  const text = buildSdp({
    address: '127.0.0.1',
    port: 20000,
    sessionId: '42',
    sessionVersion: '1',
    codecs: [{ payloadType: 0, name: 'PCMU' }],
    telephoneEventPayloadType: 101,
  });
  assert.ok(text.endsWith('\r\n'));
  assert.match(text, /^m=audio 20000 RTP\/AVP 0 101$/m);
  const answer = negotiated(text);
  assert.deepEqual(answer.codec, { payloadType: 0, name: 'PCMU' });
  assert.equal(answer.telephoneEventPayloadType, 101);
  assert.equal(answer.ptime, 20);
  assert.equal(answer.remoteAddress, '127.0.0.1');
  assert.equal(parsed(buildSdp({ address: '::1', port: 1, sessionId: '1', sessionVersion: '1', codecs: [{ payloadType: 8, name: 'PCMA' }] })).connection?.addressType, 'IP6');
  assert.throws(() => buildSdp({ address: '127.0.0.1', port: 1, sessionId: '1', sessionVersion: '1', codecs: [] }), RangeError);
  assert.throws(() => buildSdp({ address: '127.0.0.1\r\nm=video', port: 1, sessionId: '1', sessionVersion: '1', codecs: [{ payloadType: 0, name: 'PCMU' }] }), RangeError);
});

test('reports malformed SDP with typed reasons', () => {
  const cases: Array<[string, string, string]> = [
    ['empty', '', 'empty'],
    ['no version', 'o=- 1 1 IN IP4 1.2.3.4\r\n', 'missing-version'],
    ['wrong version', 'v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\n', 'missing-version'],
    ['no origin', 'v=0\r\ns=-\r\nc=IN IP4 1.2.3.4\r\n', 'missing-origin'],
    ['bad origin', offer([]).replace('o=linphone 3411 1022 IN IP4 192.168.1.20', 'o=linphone x 1022 IN IP4 192.168.1.20'), 'invalid-origin'],
    ['bad connection address', offer([], ['c=IN IP4 999.1.1.1']), 'invalid-connection'],
    ['bad connection net type', offer([], ['c=ATM NSAP 1']), 'invalid-connection'],
    ['non-numeric port', offer(['m=audio abc RTP/AVP 0']), 'invalid-media'],
    ['port out of range', offer(['m=audio 70000 RTP/AVP 0']), 'invalid-media'],
    ['payload type out of range', offer(['m=audio 4000 RTP/AVP 200']), 'invalid-media'],
    ['no formats', offer(['m=audio 4000 RTP/AVP']), 'invalid-media'],
    ['garbage rtpmap', offer(['m=audio 4000 RTP/AVP 0', 'a=rtpmap:zero PCMU']), 'invalid-attribute'],
    ['garbage ptime', offer(['m=audio 4000 RTP/AVP 0', 'a=ptime:soon']), 'invalid-attribute'],
    ['zero ptime', offer(['m=audio 4000 RTP/AVP 0', 'a=ptime:0']), 'invalid-attribute'],
    ['no connection anywhere', offer(['m=audio 4000 RTP/AVP 0'], []), 'missing-connection'],
    ['garbage line', offer(['hello world']), 'invalid-line'],
  ];
  for (const [name, text, reason] of cases) {
    const result = parseSdp(text);
    assert.equal(result.ok ? 'ok' : result.reason, reason, name);
  }
});
