import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBadRequestResponse, findFrameLength } from '../../../src/server/telephony/sip/sip-malformed.ts';
import { findHeader, serializeSipMessage } from '../../../src/server/telephony/sip/sip-message.ts';

const enc = (text: string) => new TextEncoder().encode(text);
const request = (lines: string[]) => enc(`${lines.join('\r\n')}\r\n\r\n`);
const base = [
  'INVITE sip:100@127.0.0.1 SIP/2.0',
  'v: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKx',
  'f: <sip:a@127.0.0.1>;tag=1',
  't: <sip:100@127.0.0.1>',
  'i: m1',
  'CSeq: 1 INVITE',
];

test('a refused request with readable Via/From/To/Call-ID/CSeq gets a routable 400 with the reason in Warning', () => {
  const response = buildBadRequestResponse(request([...base, 'Max-Forwards: lots', 'garbage line']), 'invalid-max-forwards');
  assert.ok(response);
  assert.equal(response.status, 400);
  assert.equal(findHeader(response, 'Call-ID'), 'm1');
  assert.match(findHeader(response, 'To') ?? '', /;tag=/);
  assert.equal(findHeader(response, 'Warning'), '399 centralita "invalid-max-forwards"');
  assert.doesNotThrow(() => serializeSipMessage(response));
});

test('no 400 for ACKs, responses, or requests missing what routing needs', () => {
  assert.equal(buildBadRequestResponse(request(base.filter((l) => !l.startsWith('i:'))), 'x'), undefined);
  assert.equal(buildBadRequestResponse(request(['ACK sip:100@127.0.0.1 SIP/2.0', ...base.slice(1)]), 'x'), undefined);
  assert.equal(buildBadRequestResponse(request(['SIP/2.0 200 OK', ...base.slice(1)]), 'x'), undefined);
  assert.equal(buildBadRequestResponse(request([...base.slice(0, 2), 'f: <sip:a@x>\x01;tag=1', ...base.slice(3)]), 'x'), undefined);
  assert.equal(buildBadRequestResponse(new Uint8Array([0xff, 0xfe, 0x00]), 'x'), undefined);
});

test('lenient framing measures a message by its blank line and Content-Length', () => {
  const body = 'hello';
  const bytes = enc(`${base.join('\r\n')}\r\nl: ${body.length}\r\n\r\n${body}NEXT`);
  assert.equal(findFrameLength(bytes), bytes.length - 4);
  assert.equal(findFrameLength(enc(`${base.join('\r\n')}\r\n\r\n`)), undefined, 'no Content-Length: no framing');
  assert.equal(findFrameLength(enc(`${base.join('\r\n')}\r\nContent-Length: -1\r\n\r\n`)), undefined);
  assert.equal(findFrameLength(enc(base.join('\r\n'))), undefined, 'no blank line yet');
});
