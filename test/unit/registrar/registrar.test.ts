import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../../src/server/platform/clock.ts';
import type { Database } from '../../../src/server/platform/db/database.ts';
import { createRegistrar } from '../../../src/server/registrar/registrar.ts';
import type { SipAccountRepository, SipAccountRow, SipBindingRow } from '../../../src/server/registrar/sip-account-repository.ts';
import { answerDigestChallenge, computeHa1, createDigestServer, parseDigestHeader, type DigestAlgorithm } from '../../../src/server/telephony/sip/sip-digest.ts';
import { findHeader, getHeaderValues, parseSipMessage, type SipRequest } from '../../../src/server/telephony/sip/sip-message.ts';
import type { SipSource } from '../../../src/server/telephony/sip/sip-transport-types.ts';
import { silentLogger } from '../telephony/silent-logger.ts';

const realm = 'centralita';
const phone: SipSource = { transport: 'udp', address: '127.0.0.1', port: 5070 };

function account(userId: string, extension: string, password: string): SipAccountRow {
  return {
    userId, extension, username: extension,
    ha1Md5: computeHa1('MD5', extension, realm, password), ha1Sha256: computeHa1('SHA-256', extension, realm, password),
  };
}

/** The repository as the registrar uses it, in memory: the SQL itself is exercised by the feature test. */
function memoryAccounts(accounts: SipAccountRow[]) {
  const bindings: SipBindingRow[] = [];
  const repository = {
    findByUsername: async (username: string) => accounts.find((a) => a.username === username),
    findByExtension: async (extension: string) => accounts.find((a) => a.extension === extension),
    findByUser: async (userId: string) => accounts.find((a) => a.userId === userId),
    saveAccount: async () => undefined,
    listLiveBindings: async (now: Date) => bindings.filter((b) => b.expiresAt > now),
    applyRegister: async (_tx: unknown, extension: string, change: { removeAll: boolean; remove: string[]; upsert: SipBindingRow[] }) => {
      for (let i = bindings.length - 1; i >= 0; i--) {
        const b = bindings[i]!;
        if (b.extension === extension && (change.removeAll || change.remove.includes(b.contact) || change.upsert.some((u) => u.contact === b.contact))) bindings.splice(i, 1);
      }
      bindings.push(...change.upsert);
    },
    deleteExpiredBindings: async () => [],
  } as unknown as SipAccountRepository;
  return { repository, bindings };
}

function setup() {
  const clock = createManualClock(new Date('2026-12-02T10:00:00Z'));
  const { repository, bindings } = memoryAccounts([account('u1', '1001', 'clave-1001'), account('u2', '1002', 'clave-1002')]);
  const changes: Array<[string, boolean]> = [];
  const db = { transaction: (fn: (tx: unknown) => Promise<unknown>) => fn({}) } as unknown as Database;
  const registrar = createRegistrar({
    db, accounts: repository, clock, log: silentLogger,
    digest: createDigestServer({ realm, secret: 'k', now: () => clock.now().getTime() }),
    md5OnlyDigest: createDigestServer({ realm, secret: 'k', now: () => clock.now().getTime(), algorithms: ['MD5'] }),
    onRegistrationChanged: (extension, registered) => void changes.push([extension, registered]),
  });
  return { clock, registrar, bindings, changes };
}

let cseq = 1;
function register(user: string, contacts: string[], extra: string[] = []): SipRequest {
  const parsed = parseSipMessage(
    [
      `REGISTER sip:${realm} SIP/2.0`,
      'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKreg;rport',
      'Max-Forwards: 70',
      `From: <sip:${user}@${realm}>;tag=ph`,
      `To: <sip:${user}@${realm}>`,
      'Call-ID: reg-call-1',
      `CSeq: ${cseq++} REGISTER`,
      ...contacts.map((c) => `Contact: ${c}`),
      'User-Agent: Deskphone 2.0',
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  if (!parsed.ok || parsed.message.type !== 'request') throw new Error('bad test request');
  return parsed.message;
}

/** Sends a REGISTER, answers the 401 with `password`, and returns the final answer. */
async function authenticated(r: ReturnType<typeof setup>['registrar'], user: string, password: string, build: () => SipRequest, algorithm?: DigestAlgorithm) {
  const first = await r.handleRegister(build(), phone);
  if (first.status !== 401) return first;
  const challenges = first.headers.filter((h) => h.name === 'WWW-Authenticate').map((h) => parseDigestHeader(h.value)!);
  const challenge = challenges.find((c) => !algorithm || c.params.get('algorithm') === algorithm)!;
  const request = build();
  const authorization = answerDigestChallenge({ challenge, nonceCount: 0 }, { username: user, password }, 'REGISTER', request.uri)!;
  request.headers.push({ name: 'Authorization', value: authorization });
  return r.handleRegister(request, phone);
}

test('a REGISTER without credentials is challenged with SHA-256 and MD5; either answer registers the contact', async () => {
  for (const algorithm of ['SHA-256', 'MD5'] as const) {
    const { registrar, changes } = setup();
    const challenge = await registrar.handleRegister(register('1001', ['<sip:1001@127.0.0.1:5070>']), phone);
    assert.equal(challenge.status, 401);
    assert.deepEqual(challenge.headers.map((h) => parseDigestHeader(h.value)?.params.get('algorithm')), ['SHA-256', 'MD5']);
    const ok = await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['<sip:1001@127.0.0.1:5070>'], ['Expires: 600']), algorithm);
    assert.equal(ok.status, 200, algorithm);
    assert.deepEqual(getHeaderValues({ type: 'response', status: 200, reason: 'OK', headers: ok.headers, body: '' }, 'Contact'), ['<sip:1001@127.0.0.1:5070>;expires=600']);
    assert.equal(registrar.isRegistered('1001'), true);
    assert.deepEqual(registrar.statusOf('1001'), { registered: true, contact: 'sip:1001@127.0.0.1:5070', userAgent: 'Deskphone 2.0' });
    assert.deepEqual(changes, [['1001', true]]);
  }
});

test('libre-based phones are challenged with MD5 alone', async () => {
  const { registrar } = setup();
  const request = register('1001', ['<sip:1001@127.0.0.1:5070>']);
  request.headers = request.headers.map((h) => (h.name === 'User-Agent' ? { name: h.name, value: 'baresip v1.0.0 (x86_64/linux)' } : h));
  const answer = await registrar.handleRegister(request, phone);
  assert.deepEqual(answer.headers.map((h) => parseDigestHeader(h.value)?.params.get('algorithm')), ['MD5']);
});

test('a wrong password gets the same 401 again; an unknown extension 404; another operator\'s password 403', async () => {
  const { registrar } = setup();
  const wrong = await authenticated(registrar, '1001', 'guess', () => register('1001', ['<sip:1001@127.0.0.1:5070>']));
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.filter((h) => h.name === 'WWW-Authenticate').length, 2);
  assert.equal(registrar.isRegistered('1001'), false);
  assert.equal((await registrar.handleRegister(register('1999', ['<sip:1999@127.0.0.1:5070>']), phone)).status, 404);
  const borrowed = await authenticated(registrar, '1002', 'clave-1002', () => register('1001', ['<sip:1001@127.0.0.1:5070>']));
  assert.equal(borrowed.status, 403);
});

test('bindings expire with the clock; several contacts per extension; Expires 0 removes one; * removes all', async () => {
  const { registrar, clock, changes } = setup();
  const desk = () => register('1001', ['<sip:1001@10.0.0.5:5060>;expires=120', '<sip:1001@10.0.0.6:5060>'], ['Expires: 3600']);
  assert.equal((await authenticated(registrar, '1001', 'clave-1001', desk)).status, 200);
  assert.deepEqual(registrar.contactsOf('1001').map((b) => b.contact).sort(), ['sip:1001@10.0.0.5:5060', 'sip:1001@10.0.0.6:5060']);
  clock.advance(121_000);
  registrar.sweep();
  assert.deepEqual(registrar.contactsOf('1001').map((b) => b.contact), ['sip:1001@10.0.0.6:5060'], 'the 120 s contact expired, the 3600 s one stays');
  const remove = await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['<sip:1001@10.0.0.6:5060>;expires=0']));
  assert.equal(remove.status, 200);
  assert.equal(registrar.isRegistered('1001'), false);
  assert.deepEqual(changes, [['1001', true], ['1001', false]]);

  await authenticated(registrar, '1001', 'clave-1001', desk);
  const star = await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['*'], ['Expires: 0']));
  assert.equal(star.status, 200);
  assert.deepEqual(registrar.contactsOf('1001'), []);
  const badStar = await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['*'], ['Expires: 60']));
  assert.equal(badStar.status, 400, '* needs Expires: 0');
});

test('too short an interval gets 423 with Min-Expires; too long is capped; no Contact is a query', async () => {
  const { registrar } = setup();
  const brief = await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['<sip:1001@10.0.0.5:5060>'], ['Expires: 10']));
  assert.equal(brief.status, 423);
  assert.equal(findHeader({ type: 'response', status: 423, reason: '', headers: brief.headers, body: '' }, 'Min-Expires'), '60');
  const long = await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['<sip:1001@10.0.0.5:5060>'], ['Expires: 86400']));
  assert.equal(long.status, 200);
  assert.match(long.headers.find((h) => h.name === 'Contact')!.value, /expires=3600$/);
  const query = await authenticated(registrar, '1001', 'clave-1001', () => register('1001', []));
  assert.equal(query.status, 200);
  assert.equal(query.headers.filter((h) => h.name === 'Contact').length, 1);
});

test('bindings come back from storage on load, expired ones do not', async () => {
  const first = setup();
  await authenticated(first.registrar, '1001', 'clave-1001', () => register('1001', ['<sip:1001@10.0.0.5:5060>;expires=120', '<sip:1001@10.0.0.6:5060>;expires=1800']));
  const restarted = createRegistrar({
    db: { transaction: (fn: (tx: unknown) => Promise<unknown>) => fn({}) } as unknown as Database,
    accounts: { ...memoryAccounts([]).repository, listLiveBindings: async (now: Date) => first.bindings.filter((b) => b.expiresAt > now), deleteExpiredBindings: async () => [] } as unknown as SipAccountRepository,
    digest: createDigestServer({ realm, secret: 'k', now: () => 0 }),
    clock: { now: () => new Date(first.clock.now().getTime() + 300_000) },
    log: silentLogger,
  });
  assert.equal(await restarted.load(), 1);
  assert.deepEqual(restarted.contactsOf('1001').map((b) => b.contact), ['sip:1001@10.0.0.6:5060']);
});

test('ten wrong answers from one source refuse it for five minutes; other sources still register', async () => {
  const { registrar, clock } = setup();
  for (let i = 0; i < 10; i++) assert.equal((await authenticated(registrar, '1001', `guess-${i}`, () => register('1001', ['<sip:1001@127.0.0.1:5070>']))).status, 401);
  assert.equal((await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['<sip:1001@127.0.0.1:5070>']))).status, 403);
  const samePublicAddress = { transport: 'udp' as const, address: '127.0.0.1', port: 5090 };
  assert.equal((await registrar.handleRegister(register('1001', ['<sip:1001@127.0.0.1:5090>']), samePublicAddress)).status, 401, 'another phone behind the same address is challenged as usual');
  clock.advance(300_001);
  assert.equal((await authenticated(registrar, '1001', 'clave-1001', () => register('1001', ['<sip:1001@127.0.0.1:5070>']))).status, 200);
});
