import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findCSeq,
  findHeader,
  findTopVia,
  getHeaderValues,
  parseSipMessage,
  serializeSipMessage,
  type SipMessage,
  type SipRequest,
} from '../../../src/server/telephony/sip/sip-message.ts';
import { findTag } from '../../../src/server/telephony/sip/sip-address.ts';
import { buildResponse } from '../../../src/server/telephony/sip/sip-response.ts';

const sdp = [
  'v=0',
  'o=- 1700000000 1700000001 IN IP4 127.0.0.1',
  's=Llamada de Ana García',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 10002 RTP/AVP 9 0 8 101',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=ptime:20',
  'a=sendrecv',
  '',
].join('\r\n');

function invite(extraHeaders: string[] = [], omit: string[] = []): string {
  const headers = [
    'Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK8f1c2a9e;rport',
    'Max-Forwards: 70',
    'To: <sip:100@127.0.0.1:5070>',
    'From: "Ana García" <sip:ana@127.0.0.1>;tag=9c5b1e7f0a',
    'Call-ID: 5f4b2c8e-1d3a-4f6b-9e2c-7a8d0b1c2e3f',
    'CSeq: 21893 INVITE',
    'Contact: <sip:ana-0x55d@127.0.0.1:5062;transport=udp>',
    'User-Agent: baresip v3.10.1 (x86_64/linux)',
    'Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,NOTIFY,SUBSCRIBE,INFO,MESSAGE,UPDATE,REFER',
    'Record-Route: <sip:10.0.0.1;lr>',
    'Content-Type: application/sdp',
    ...extraHeaders,
  ].filter((line) => !omit.some((name) => line.startsWith(`${name}:`)));
  return `INVITE sip:100@127.0.0.1:5070 SIP/2.0\r\n${headers.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(sdp)}\r\n\r\n${sdp}`;
}

function parseOk(input: string | Uint8Array, stream = false): SipMessage {
  const result = parseSipMessage(input, { stream });
  if (!result.ok) assert.fail(`expected a message, got ${result.reason}: ${result.detail}`);
  return result.message;
}

function expectFailure(input: string | Uint8Array, reason: string, stream = false): void {
  const result = parseSipMessage(input, { stream });
  assert.equal(result.ok, false, `expected ${reason}`);
  if (!result.ok) assert.equal(result.reason, reason, result.detail);
}

test('parses a softphone INVITE with SDP and serialises it back byte for byte', () => {
  const text = invite();
  const message = parseOk(text);
  assert.equal(message.type, 'request');
  assert.equal((message as SipRequest).method, 'INVITE');
  assert.equal((message as SipRequest).uri, 'sip:100@127.0.0.1:5070');
  assert.equal(findHeader(message, 'call-id'), '5f4b2c8e-1d3a-4f6b-9e2c-7a8d0b1c2e3f');
  assert.equal(findHeader(message, 'i'), '5f4b2c8e-1d3a-4f6b-9e2c-7a8d0b1c2e3f');
  assert.equal(message.body, sdp);
  assert.deepEqual(findCSeq(message), { seq: 21893, method: 'INVITE' });
  const via = findTopVia(message);
  assert.equal(via?.branch, 'z9hG4bK8f1c2a9e');
  assert.equal(via?.rport, true);
  assert.equal(via?.port, 5062);
  assert.equal(findTag(findHeader(message, 'From') ?? ''), '9c5b1e7f0a');
  assert.equal(findTag(findHeader(message, 'To') ?? ''), undefined);
  assert.equal(getHeaderValues(message, 'Allow').length, 11);
  const bytes = serializeSipMessage(message);
  assert.equal(Buffer.from(bytes).toString('utf8'), text);
  assert.deepEqual(parseOk(bytes), message);
});

test('expands compact forms, unfolds continuation lines and keeps multi-value Via in order', () => {
  const text = [
    'BYE sip:ana@127.0.0.1:5062 SIP/2.0',
    'v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKproxy;received=192.0.2.7, SIP/2.0/TCP 10.0.0.2;branch=z9hG4bKua',
    'VIA: SIP/2.0/UDP 10.0.0.3:5080;branch=z9hG4bKthird;rport=5081',
    'f: <sip:100@10.0.0.9>;tag=abc',
    't: "Ana, la de soporte"',
    '  <sip:ana@127.0.0.1>;tag=9c5',
    'i: callid@host',
    'cseq: 2 BYE',
    'Max-Forwards: 69',
    'subject: long',
    '\t folded value',
    'X-Custom-Thing: kept',
    'l: 0',
    '',
    '',
  ].join('\n');
  const message = parseOk(text);
  assert.deepEqual(
    message.headers.map((h) => h.name),
    ['Via', 'Via', 'From', 'To', 'Call-ID', 'CSeq', 'Max-Forwards', 'Subject', 'X-Custom-Thing', 'Content-Length'],
  );
  const vias = getHeaderValues(message, 'via');
  assert.equal(vias.length, 3);
  assert.deepEqual(vias.map((v) => v.split(';')[1]), ['branch=z9hG4bKproxy', 'branch=z9hG4bKua', 'branch=z9hG4bKthird']);
  const top = findTopVia(message);
  assert.equal(top?.received, '192.0.2.7');
  assert.equal(top?.transport, 'UDP');
  assert.equal(top?.rport, undefined);
  assert.equal(findHeader(message, 'To'), '"Ana, la de soporte" <sip:ana@127.0.0.1>;tag=9c5');
  assert.equal(findTag(findHeader(message, 't') ?? ''), '9c5');
  assert.equal(findHeader(message, 's'), 'long folded value');
  assert.equal(findHeader(message, 'x-custom-thing'), 'kept');
  assert.equal(message.body, '');
});

test('frames consecutive messages on a stream and ignores datagram bytes past Content-Length', () => {
  const first = invite();
  const second = Buffer.from(serializeSipMessage(buildResponse(parseOk(first) as SipRequest, 100, 'Trying')));
  const both = Buffer.concat([Buffer.from(first), second]);
  const result = parseSipMessage(both, { stream: true });
  assert.ok(result.ok);
  assert.equal(result.bytesConsumed, Buffer.byteLength(first));
  const next = parseOk(both.subarray(result.bytesConsumed), true);
  assert.equal(next.type === 'response' && next.status, 100);
  assert.equal(parseOk(`${first}trailing junk`).body, sdp);
  expectFailure(invite().replace(/Content-Length: \d+\r\n/, ''), 'missing-content-length', true);
  assert.equal(parseOk(invite().replace(/Content-Length: \d+\r\n/, '')).body, sdp);
});

test('builds responses that copy Via, From, To, Call-ID and CSeq and add the to-tag', () => {
  const request = parseOk(invite(['Via: SIP/2.0/UDP 10.9.9.9;branch=z9hG4bKsecond'])) as SipRequest;
  const trying = buildResponse(request, 100, 'Trying', { toTag: 'ignored' });
  assert.equal(findHeader(trying, 'To'), '<sip:100@127.0.0.1:5070>');
  assert.equal(findHeader(trying, 'Record-Route'), undefined);
  const ok = buildResponse(request, 200, 'OK', {
    toTag: 'srv42',
    headers: [{ name: 'Contact', value: '<sip:centralita@127.0.0.1:5070>' }],
    body: 'v=0\r\n',
  });
  assert.deepEqual(getHeaderValues(ok, 'Via'), getHeaderValues(request, 'Via'));
  assert.equal(getHeaderValues(ok, 'Via').length, 2);
  assert.equal(findHeader(ok, 'To'), '<sip:100@127.0.0.1:5070>;tag=srv42');
  assert.equal(findHeader(ok, 'From'), findHeader(request, 'From'));
  assert.equal(findHeader(ok, 'Call-ID'), findHeader(request, 'Call-ID'));
  assert.equal(findHeader(ok, 'CSeq'), '21893 INVITE');
  assert.equal(findHeader(ok, 'Record-Route'), '<sip:10.0.0.1;lr>');
  assert.equal(findHeader(ok, 'User-Agent'), undefined);
  const reparsed = parseOk(serializeSipMessage(ok));
  assert.equal(reparsed.type === 'response' && `${reparsed.status} ${reparsed.reason}`, '200 OK');
  assert.equal(findHeader(reparsed, 'Content-Length'), '5');
  const busy = buildResponse(request, 486, 'Busy Here', { toTag: 'srv42' });
  assert.equal(findHeader(busy, 'Record-Route'), undefined);
  const retagged = buildResponse(parseOk(invite().replace('To: <sip:100@127.0.0.1:5070>', 'To: <sip:100@127.0.0.1:5070>;tag=old')) as SipRequest, 200, 'OK', { toTag: 'new' });
  assert.equal(findTag(findHeader(retagged, 'To') ?? ''), 'old');
  assert.throws(() => buildResponse(request, 700, 'Nope'), RangeError);
  assert.throws(() => buildResponse(request, 200, 'OK\r\nX: injected'), RangeError);
});

test('refuses to serialise header values that would inject lines', () => {
  const message = parseOk(invite());
  message.headers.push({ name: 'Subject', value: 'hi\r\nVia: SIP/2.0/UDP evil' });
  assert.throws(() => serializeSipMessage(message), RangeError);
});

test('reports each malformed message with a typed reason', () => {
  const base = invite();
  const cases: Array<[string, string | Uint8Array, string]> = [
    ['nothing', '', 'empty'],
    ['keep-alive line breaks', '\r\n\r\n', 'empty'],
    ['no end of headers', base.slice(0, base.indexOf('\r\n\r\n')), 'truncated'],
    ['body shorter than Content-Length', base.slice(0, -10), 'truncated'],
    ['garbage header line', base.replace('Max-Forwards: 70', 'this is not a header'), 'invalid-header'],
    ['header name with spaces', base.replace('Max-Forwards: 70', 'Max Forwards: 70'), 'invalid-header'],
    ['continuation before any header', base.replace('INVITE sip:100@127.0.0.1:5070 SIP/2.0\r\n', 'INVITE sip:100@127.0.0.1:5070 SIP/2.0\r\n folded\r\n'), 'invalid-header'],
    ['negative Content-Length', base.replace(/Content-Length: \d+/, 'Content-Length: -5'), 'invalid-content-length'],
    ['text Content-Length', base.replace(/Content-Length: \d+/, 'Content-Length: lots'), 'invalid-content-length'],
    ['exponent Content-Length', base.replace(/Content-Length: \d+/, 'Content-Length: 1e3'), 'invalid-content-length'],
    ['absurd Content-Length', base.replace(/Content-Length: \d+/, 'Content-Length: 99999999999'), 'body-too-large'],
    ['huge Content-Length', base.replace(/Content-Length: \d+/, `Content-Length: ${'9'.repeat(40)}`), 'invalid-content-length'],
    ['conflicting Content-Length', base.replace('Content-Type', 'l: 3\r\nContent-Type'), 'invalid-content-length'],
    ['not SIP', 'HELLO WORLD\r\nVia: x\r\n\r\n', 'invalid-start-line'],
    ['wrong version', base.replace('SIP/2.0\r\n', 'SIP/3.0\r\n'), 'invalid-start-line'],
    ['status below 100', 'SIP/2.0 99 Too Low\r\n\r\n', 'invalid-start-line'],
    ['bad Request-URI', base.replace('INVITE sip:100@127.0.0.1:5070', 'INVITE sip:@@:99999'), 'invalid-request-uri'],
    ['Request-URI without scheme', base.replace('INVITE sip:100@127.0.0.1:5070', 'INVITE 100'), 'invalid-request-uri'],
    ['CSeq method mismatch', base.replace('21893 INVITE', '21893 BYE'), 'invalid-cseq'],
    ['CSeq without number', base.replace('21893 INVITE', 'abc INVITE'), 'invalid-cseq'],
    ['CSeq out of range', base.replace('21893 INVITE', '4294967296 INVITE'), 'invalid-cseq'],
    ['Max-Forwards words', base.replace('Max-Forwards: 70', 'Max-Forwards: seventy'), 'invalid-max-forwards'],
    ['Max-Forwards too big', base.replace('Max-Forwards: 70', 'Max-Forwards: 256'), 'invalid-max-forwards'],
    ['Via nonsense', base.replace(/Via: [^\r]+/, 'Via: nonsense'), 'invalid-via'],
    ['Via bad port', base.replace('127.0.0.1:5062;branch', '127.0.0.1:99999;branch'), 'invalid-via'],
    ['From not an address', base.replace(/From: [^\r]+/, 'From: not an address'), 'invalid-address'],
    ['To with unclosed bracket', base.replace('To: <sip:100@127.0.0.1:5070>', 'To: <sip:100@127.0.0.1:5070'), 'invalid-address'],
    ['NUL in a header', base.replace('baresip', 'bare\u0000sip'), 'not-text'],
    ['bare CR in a header', base.replace('baresip', 'bare\rsip'), 'not-text'],
    ['invalid UTF-8 in headers', Buffer.concat([Buffer.from('INVITE sip:a@b SIP/2.0\r\nSubject: '), Buffer.from([0xc3, 0x28]), Buffer.from('\r\n\r\n')]), 'not-text'],
    ['headers too large', `INVITE sip:a@b SIP/2.0\r\nSubject: ${'x'.repeat(70000)}\r\n\r\n`, 'headers-too-large'],
  ];
  for (const [name, input, reason] of cases) {
    const result = parseSipMessage(input);
    assert.equal(result.ok, false, `${name} should fail`);
    if (!result.ok) assert.equal(result.reason, reason, `${name}: ${result.detail}`);
  }
});

test('requires the mandatory headers of requests and responses', () => {
  for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Max-Forwards']) {
    expectFailure(invite([], [name]), 'missing-header');
  }
  expectFailure(invite().replace('Call-ID: 5f4b2c8e-1d3a-4f6b-9e2c-7a8d0b1c2e3f', 'Call-ID:'), 'missing-header');
  const response = serializeSipMessage(buildResponse(parseOk(invite()) as SipRequest, 180, 'Ringing', { toTag: 't' }));
  const text = Buffer.from(response).toString('utf8');
  assert.equal(parseOk(text).type, 'response');
  for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
    expectFailure(text.replace(new RegExp(`${name}: [^\\r]*\\r\\n`), ''), 'missing-header');
  }
});

test('never throws on truncations, byte flips or random bytes', () => {
  const full = Buffer.from(invite());
  for (let length = 0; length < full.length; length++) {
    assert.equal(parseSipMessage(full.subarray(0, length)).ok, false, `prefix of ${length} bytes parsed`);
  }
  let seed = 12345;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  for (let round = 0; round < 2000; round++) {
    const mutated = Buffer.from(full);
    for (let flips = 0; flips < 1 + random() * 8; flips++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
    assert.doesNotThrow(() => parseSipMessage(mutated));
    const noise = new Uint8Array(Math.floor(random() * 600));
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(random() * 256);
    const result = parseSipMessage(noise);
    assert.equal(result.ok, false);
  }
});
