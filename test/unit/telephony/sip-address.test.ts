import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findTag,
  formatNameAddr,
  formatSipUri,
  parseNameAddr,
  parseSipUri,
  splitOutsideQuotes,
} from '../../../src/server/telephony/sip/sip-address.ts';
import { parseCSeq, parseVia } from '../../../src/server/telephony/sip/sip-message.ts';

test('parses SIP URIs with user, password, IPv6 host, port, params and headers', () => {
  const uri = parseSipUri('sip:alice:secret@[2001:db8::1]:5061;transport=TCP;lr?subject=hola&priority=urgent');
  assert.ok(uri);
  assert.equal(uri.scheme, 'sip');
  assert.equal(uri.user, 'alice');
  assert.equal(uri.password, 'secret');
  assert.equal(uri.host, '[2001:db8::1]');
  assert.equal(uri.port, 5061);
  assert.equal(uri.params.get('transport'), 'TCP');
  assert.equal(uri.params.get('lr'), null);
  assert.equal(uri.headers.get('priority'), 'urgent');
  assert.equal(formatSipUri(uri), 'sip:alice:secret@[2001:db8::1]:5061;transport=TCP;lr?subject=hola&priority=urgent');

  const plain = parseSipUri('SIPS:centralita.example.com');
  assert.equal(plain?.scheme, 'sips');
  assert.equal(plain?.user, undefined);
  assert.equal(plain?.port, undefined);
  assert.equal(parseSipUri('sip:+34911222333;phone-context=example.com@gw.example.com;user=phone')?.user, '+34911222333;phone-context=example.com');
});

test('rejects strings that are not SIP URIs', () => {
  for (const text of ['http://example.com', 'sip:', 'sip:host:99999', 'sip:host:0', 'sip:ho st', 'sip:@host', 'sip:a@[::1', 'sip:a@host:12ab', 'tel:+34911']) {
    assert.equal(parseSipUri(text), undefined, text);
  }
});

test('parses name-addr forms and separates URI params from header params', () => {
  const quoted = parseNameAddr('"Pérez, \\"Juan\\"" <sip:juan@example.com;transport=tcp>;tag=a1b2;expires=60');
  assert.equal(quoted?.displayName, 'Pérez, "Juan"');
  assert.equal(quoted?.uri.params.get('transport'), 'tcp');
  assert.equal(quoted?.params.get('tag'), 'a1b2');
  assert.equal(quoted?.params.get('expires'), '60');

  const token = parseNameAddr('Soporte Tecnico <sip:soporte@10.0.0.1>');
  assert.equal(token?.displayName, 'Soporte Tecnico');
  assert.equal(token?.params.size, 0);

  const bare = parseNameAddr('sip:ana@127.0.0.1;tag=xyz');
  assert.equal(bare?.displayName, undefined);
  assert.equal(bare?.uri.params.size, 0);
  assert.equal(bare?.params.get('tag'), 'xyz');

  assert.equal(formatNameAddr(quoted!), '"Pérez, \\"Juan\\"" <sip:juan@example.com;transport=tcp>;tag=a1b2;expires=60');
  assert.equal(findTag('<sip:a@b>;TAG=CaseKept'), 'CaseKept');
  assert.equal(findTag('<sip:a@b>'), undefined);
  for (const text of ['', 'not an address', '<sip:a@b', '"unterminated <sip:a@b>', '<sip:a@b> junk', '<sip:a@b>;bad name=1']) {
    assert.equal(parseNameAddr(text), undefined, text);
  }
});

test('splits lists only on top-level separators', () => {
  assert.deepEqual(splitOutsideQuotes('"a,b" <sip:x@y;p=1,2>, <sip:z@w>', ','), ['"a,b" <sip:x@y;p=1,2>', ' <sip:z@w>']);
});

test('parses Via and CSeq values', () => {
  const via = parseVia('SIP / 2.0 / tcp client.example.com:5070 ;branch=z9hG4bK776asdhds ;received=192.0.2.1;rport=60000');
  assert.equal(via?.transport, 'TCP');
  assert.equal(via?.host, 'client.example.com');
  assert.equal(via?.port, 5070);
  assert.equal(via?.branch, 'z9hG4bK776asdhds');
  assert.equal(via?.received, '192.0.2.1');
  assert.equal(via?.rport, 60000);
  assert.equal(parseVia('SIP/2.0/UDP [::1]')?.host, '[::1]');
  for (const text of ['SIP/2.0 UDP host', 'SIP/1.0/UDP host', 'SIP/2.0/UDP', 'SIP/2.0/UDP host;rport=abc', 'SIP/2.0/UDP user@host']) {
    assert.equal(parseVia(text), undefined, text);
  }
  assert.deepEqual(parseCSeq(' 4711   REGISTER '), { seq: 4711, method: 'REGISTER' });
  assert.equal(parseCSeq('4711'), undefined);
  assert.equal(parseCSeq('-1 INVITE'), undefined);
  assert.equal(parseCSeq('2147483648 INVITE'), undefined);
});
