import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dataSection, dotStuff, encodeHeaderText, encodeQuotedPrintable, formatMailbox, formatMailDate, formatMessage,
} from '../../../src/server/notifications/smtp-message.ts';

/** Decodes RFC 2047 B-words the way a mail reader does: whitespace between adjacent words is dropped. */
function decodeWords(header: string): string {
  const bytes = [...header.replace(/\?=\s+=\?/g, '?==?').matchAll(/=\?UTF-8\?B\?([^?]*)\?=/g)].map((m) => Buffer.from(m[1]!, 'base64'));
  return Buffer.concat(bytes).toString('utf8');
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    if (joined[i] === '=') {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

describe('SMTP message formatting', () => {
  test('plain ASCII subjects stay readable; anything else becomes UTF-8 encoded words', () => {
    assert.equal(encodeHeaderText('Your repair 12345678'), 'Your repair 12345678');
    const subject = 'Reparación nº 12345678: técnico en camino — llegará pronto 🚐';
    const encoded = encodeHeaderText(subject);
    assert.match(encoded, /^=\?UTF-8\?B\?/);
    assert.equal(decodeWords(encoded), subject);
    for (const line of encoded.split('\r\n')) {
      assert.ok(line.trim().length <= 75, `encoded word too long: ${line}`);
      assert.ok(`Subject: ${line.trim()}`.length <= 76);
    }
    // Split between characters, never inside one: every word decodes on its own.
    for (const word of encoded.split('\r\n ')) assert.ok(!decodeWords(word).includes('\uFFFD'), word);
  });

  test('a line break cannot smuggle a header in, and text that looks encoded is encoded', () => {
    assert.equal(encodeHeaderText('hello\r\nBcc: victim@example.com'), 'hello Bcc: victim@example.com');
    assert.match(encodeHeaderText('=?UTF-8?B?Zm9v?='), /^=\?UTF-8\?B\?/);
    assert.throws(() => formatMailbox('a@b.example>\r\nBcc: x@y'), /not a mailbox/);
    assert.equal(formatMailbox('desk@a.example', 'Reparaciones "M"'), '"Reparaciones \\"M\\"" <desk@a.example>');
    assert.match(formatMailbox('desk@a.example', 'Martínez'), /^=\?UTF-8\?B\?.+\?= <desk@a\.example>$/);
  });

  test('dot-stuffing doubles a leading dot on every line, and DATA ends with a lone dot', () => {
    assert.equal(dotStuff('.start\r\nmiddle\r\n.\r\n..two\r\nend.'), '..start\r\nmiddle\r\n..\r\n...two\r\nend.');
    assert.equal(dataSection('a\r\n.b'), 'a\r\n..b\r\n.\r\n');
    assert.equal(dataSection('a\r\n'), 'a\r\n.\r\n');
  });

  test('quoted-printable: CRLF lines, at most 76 characters, trailing blanks and "=" encoded, UTF-8 round trip', () => {
    const text = `Hola,\nsu técnico llegará a las 10:00 = pronto.  \n.\n${'x'.repeat(200)}\rfin\t`;
    const encoded = encodeQuotedPrintable(text);
    assert.ok(!/[^\r]\n/.test(encoded) && !/\r[^\n]/.test(encoded), 'only CRLF line ends');
    for (const line of encoded.split('\r\n')) assert.ok(line.length <= 76, `${line.length}: ${line}`);
    assert.match(encoded, /t=C3=A9cnico/);
    assert.match(encoded, /10:00 =3D pronto\. =20/);
    assert.match(encoded, /fin=09$/);
    assert.equal(decodeQuotedPrintable(encoded), text.replace(/\r?\n|\r/g, '\r\n'));
  });

  test('a whole message: headers, blank line, body, CRLF everywhere', () => {
    const message = formatMessage({
      from: 'avisos@desk.example', fromName: 'Reparaciones Martínez', to: 'cliente@example.com', subject: 'Aviso ñ',
      text: 'Línea 1\n.\nLínea 3', messageId: '6f1c0d1e-0000-4000-8000-000000000001@desk.example',
      date: new Date('2026-11-23T10:05:09Z'), idempotencyKey: '6f1c0d1e-0000-4000-8000-000000000001',
    });
    const [head, body] = message.split('\r\n\r\n');
    const headers = head!.split('\r\n');
    assert.ok(headers.includes('To: <cliente@example.com>'));
    assert.ok(headers.includes('Date: Mon, 23 Nov 2026 10:05:09 +0000'));
    assert.ok(headers.includes('Message-ID: <6f1c0d1e-0000-4000-8000-000000000001@desk.example>'));
    assert.ok(headers.includes('X-Idempotency-Key: 6f1c0d1e-0000-4000-8000-000000000001'));
    assert.ok(headers.includes('Content-Transfer-Encoding: quoted-printable'));
    assert.equal(decodeWords(headers.find((h) => h.startsWith('Subject: '))!), 'Aviso ñ');
    assert.equal(body, 'L=C3=ADnea 1\r\n.\r\nL=C3=ADnea 3\r\n');
    assert.ok(!/[^\r]\n/.test(message), 'bare LF in message');
    assert.ok(dataSection(message).includes('\r\n..\r\n'), 'the lone-dot body line is stuffed');
    assert.equal(formatMailDate(new Date('2026-01-04T23:59:59.900Z')), 'Sun, 04 Jan 2026 23:59:59 +0000');
  });
});
