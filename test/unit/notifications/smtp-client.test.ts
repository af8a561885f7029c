import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeliveryError } from '../../../src/server/notifications/notification-adapter.ts';
import { sendMail, type SmtpConnectionOptions } from '../../../src/server/notifications/smtp-client.ts';
import { createSmtpServer, testTls } from './smtp-test-server.ts';

const auth = { user: 'desk', password: 'smtp-secret-1' };
const message = 'Subject: hi\r\nMessage-ID: <m1@desk.example>\r\n\r\nhello\r\n.dot line\r\n';

describe('SMTP client against a loopback server', () => {
  const server = createSmtpServer({ ...auth, mechanisms: 'PLAIN LOGIN', tls: testTls });
  before(() => server.start());
  after(() => server.stop());

  const options = (over: Partial<SmtpConnectionOptions> = {}): SmtpConnectionOptions => ({
    host: '127.0.0.1', port: server.port, tls: 'starttls', heloName: 'desk.test', ...auth, timeoutMs: 2_000, ca: testTls.cert, ...over,
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => assert.fail('expected the send to fail'),
      (error: unknown) => {
        assert.ok(error instanceof DeliveryError, String(error));
        return error;
      },
    );

  test('STARTTLS, then AUTH inside the encrypted session, then the message', async () => {
    const reply = await sendMail(options(), { from: 'avisos@desk.example', to: 'a@example.com', message });
    assert.equal(reply.code, 250);
    const got = server.received.at(-1)!;
    assert.deepEqual([got.secure, got.from, got.to, got.messageId], [true, 'avisos@desk.example', ['a@example.com'], '<m1@desk.example>']);
    assert.equal(got.data, message.replace(/\r\n$/, ''));
  });

  test('AUTH LOGIN when the server offers only that', async () => {
    server.settings.mechanisms = 'LOGIN';
    try {
      assert.equal((await sendMail(options(), { from: 'avisos@desk.example', to: 'b@example.com', message })).code, 250);
    } finally {
      server.settings.mechanisms = 'PLAIN LOGIN';
    }
  });

  test('an untrusted certificate is not accepted, and it is worth retrying (it may be fixed)', async () => {
    const error = await failure(sendMail(options({ ca: undefined }), { from: 'avisos@desk.example', to: 'c@example.com', message }));
    assert.equal(error.permanent, false);
    assert.match(error.message, /certificate/i);
  });

  test('a server that wants encryption refuses plain AUTH: permanent (5xx)', async () => {
    const error = await failure(sendMail(options({ tls: 'none' }), { from: 'avisos@desk.example', to: 'd@example.com', message }));
    assert.equal(error.permanent, true);
    assert.match(error.message, /AUTH PLAIN: 538/);
  });

  test('a server that never answers times out, transiently', async () => {
    server.settings.silent = true;
    try {
      const started = Date.now();
      const error = await failure(sendMail(options({ timeoutMs: 200 }), { from: 'avisos@desk.example', to: 'e@example.com', message }));
      assert.equal(error.permanent, false);
      assert.match(error.message, /no answer within 200 ms/);
      assert.ok(Date.now() - started < 1_500);
    } finally {
      server.settings.silent = false;
    }
  });

  test('credentials are never sent in clear to a remote host; STARTTLS must be offered when asked for', async () => {
    const error = await failure(sendMail(options({ host: 'smtp.example.com', tls: 'none' }), { from: 'a@desk.example', to: 'f@example.com', message }));
    assert.equal(error.permanent, true);
    const plain = createSmtpServer({ ...auth, mechanisms: 'PLAIN' });
    await plain.start();
    try {
      const noTls = await failure(sendMail(options({ port: plain.port }), { from: 'a@desk.example', to: 'g@example.com', message }));
      assert.deepEqual([noTls.permanent, noTls.message], [true, 'SMTP server does not offer STARTTLS']);
    } finally {
      await plain.stop();
    }
  });
});
