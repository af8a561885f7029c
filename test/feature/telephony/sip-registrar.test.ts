import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../../src/server/platform/clock.ts';
import { createLogger } from '../../../src/server/platform/logger.ts';
import { rotateSipPassword } from '../../../src/server/registrar/manage-sip-accounts.ts';
import { createRegistrar } from '../../../src/server/registrar/registrar.ts';
import { answerDigestChallenge, createDigestServer, parseDigestHeader } from '../../../src/server/telephony/sip/sip-digest.ts';
import { parseSipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import { createTestDesk, testPassword, type TestDesk } from '../../support/test-desk.ts';
import { testDatabaseKinds } from '../../support/test-database.ts';

const log = createLogger('silent');
let seq = 1;

function register(contact: string): SipRequest {
  const parsed = parseSipMessage(
    [
      'REGISTER sip:centralita SIP/2.0',
      'Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bKfeature',
      'Max-Forwards: 70',
      'From: <sip:1001@centralita>;tag=a',
      'To: <sip:1001@centralita>',
      'Call-ID: feature-reg',
      `CSeq: ${seq++} REGISTER`,
      `Contact: ${contact}`,
      'User-Agent: Feature phone',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  if (!parsed.ok || parsed.message.type !== 'request') throw new Error('bad request');
  return parsed.message;
}

for (const kind of testDatabaseKinds()) {
  describe(`registrar on the database (${kind})`, () => {
    let desk: TestDesk;
    const clock = createManualClock(new Date('2026-12-02T09:00:00Z'));
    const digest = createDigestServer({ realm: 'centralita', secret: 'feature', now: () => clock.now().getTime() });
    const newRegistrar = () => createRegistrar({ db: desk.services.db, accounts: desk.services.sipAccounts, digest, clock, log });
    const source = { transport: 'tcp' as const, address: '127.0.0.1', port: 5070 };

    async function registered(registrar: ReturnType<typeof newRegistrar>, password: string, contact: string) {
      const challenge = await registrar.handleRegister(register(contact), source);
      const request = register(contact);
      const header = challenge.headers.find((h) => h.name === 'WWW-Authenticate')!;
      request.headers.push({ name: 'Authorization', value: answerDigestChallenge({ challenge: parseDigestHeader(header.value)!, nonceCount: 0 }, { username: '1001', password }, 'REGISTER', request.uri)! });
      return registrar.handleRegister(request, source);
    }

    before(async () => {
      desk = await createTestDesk(kind, { demo: true });
    });
    after(() => desk?.close());

    test('the demo operator is extension 1001 with the demo password, stored as HA1s only', async () => {
      const operator = (await desk.services.db.query<{ id: string }>(`select id from users where email = 'operator@demo.local'`))[0]!;
      const account = await desk.services.sipAccounts.findByUser(operator.id);
      assert.equal(account?.extension, '1001');
      const row = JSON.stringify(await desk.services.db.query('select * from sip_accounts'));
      assert.ok(!row.includes(testPassword), 'the password itself is nowhere in the table');
      assert.equal((await registered(newRegistrar(), testPassword, '<sip:1001@127.0.0.1:5070;transport=tcp>;expires=300')).status, 200);
    });

    test('a restarted registrar finds the live bindings and ignores the expired ones', async () => {
      const first = newRegistrar();
      assert.equal(await first.load(), 1, 'the binding of the previous test');
      assert.equal((await registered(first, testPassword, '<sip:1001@127.0.0.1:5072>;expires=3600')).status, 200);
      assert.equal(first.contactsOf('1001').length, 2);
      clock.advance(600_000);
      const restarted = newRegistrar();
      assert.equal(await restarted.load(), 1);
      assert.deepEqual(restarted.contactsOf('1001').map((b) => [b.contact, b.userAgent, b.transport]), [['sip:1001@127.0.0.1:5072', 'Feature phone', 'tcp']]);
      assert.equal(await desk.count('sip_bindings'), 1, 'expired bindings are deleted on load');
    });

    test('a new SIP password replaces the old one', async () => {
      const operator = (await desk.services.db.query<{ id: string }>(`select id from users where email = 'operator@demo.local'`))[0]!;
      const rotated = await rotateSipPassword(desk.services, operator.id);
      assert.ok(rotated && rotated.password.length === 16);
      const registrar = newRegistrar();
      assert.equal((await registered(registrar, testPassword, '<sip:1001@127.0.0.1:5074>')).status, 401);
      assert.equal((await registered(registrar, rotated.password, '<sip:1001@127.0.0.1:5074>')).status, 200);
    });
  });
}
