import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerDigestChallenge,
  computeDigestResponse,
  computeHa1,
  createDigestServer,
  parseDigestHeader,
} from '../../../src/server/telephony/sip/sip-digest.ts';

test('RFC 2617 3.5 worked example: Mufasa / "Circle Of Life"', () => {
  const ha1 = computeHa1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life');
  const response = computeDigestResponse({
    algorithm: 'MD5',
    ha1,
    nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
    method: 'GET',
    uri: '/dir/index.html',
    qop: 'auth',
    nc: '00000001',
    cnonce: '0a4f113b',
  });
  assert.equal(response, '6629fae49393a05397450978507c4ef1');
});

test('RFC 7616 3.9.1 examples for SHA-256 and MD5', () => {
  const base = {
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    method: 'GET',
    uri: '/dir/index.html',
    qop: 'auth' as const,
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };
  const realm = 'http-auth@example.org';
  assert.equal(
    computeDigestResponse({ ...base, algorithm: 'SHA-256', ha1: computeHa1('SHA-256', 'Mufasa', realm, 'Circle of Life') }),
    '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
  );
  assert.equal(
    computeDigestResponse({ ...base, algorithm: 'MD5', ha1: computeHa1('MD5', 'Mufasa', realm, 'Circle of Life') }),
    '8ca523f5e9506fed4657c9700eebdbec',
  );
});

test('the client answers the RFC 2617 challenge with the documented response', () => {
  const challenge = parseDigestHeader(
    'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
  );
  assert.ok(challenge);
  const state = { challenge, nonceCount: 0 };
  const header = answerDigestChallenge(state, { username: 'Mufasa', password: 'Circle Of Life' }, 'GET', '/dir/index.html', '0a4f113b');
  const answer = parseDigestHeader(header ?? '');
  assert.equal(answer?.params.get('response'), '6629fae49393a05397450978507c4ef1');
  assert.equal(answer?.params.get('nc'), '00000001');
  assert.equal(answer?.params.get('opaque'), '5ccc069c403ebaf9f0171e9517f40e41');
  answerDigestChallenge(state, { username: 'Mufasa', password: 'Circle Of Life' }, 'GET', '/dir/index.html');
  assert.equal(state.nonceCount, 2, 'the nonce count goes up with each reuse of the challenge');
  assert.equal(answerDigestChallenge({ challenge: { ...challenge, scheme: 'Basic' }, nonceCount: 0 }, { username: 'a', password: 'b' }, 'GET', '/'), undefined);
});

test('the server challenge is stateless: it verifies, expires and refuses tampering', () => {
  let now = 1_700_000_000_000;
  const server = createDigestServer({ realm: 'centralita', secret: 'test-secret', now: () => now, nonceLifetimeMs: 60_000 });
  const users = (name: string) => (name === '1001' ? { password: 'clave secreta' } : undefined);
  const challenges = server.challenge();
  assert.equal(challenges.length, 2);
  assert.match(challenges[0] ?? '', /algorithm=SHA-256/);
  for (const value of challenges) {
    const challenge = parseDigestHeader(value);
    assert.ok(challenge);
    const authorization = answerDigestChallenge({ challenge, nonceCount: 0 }, { username: '1001', password: 'clave secreta' }, 'INVITE', 'sip:100@127.0.0.1');
    assert.deepEqual(server.verify(authorization, 'INVITE', users), { ok: true, username: '1001' });
    assert.equal(server.verify(authorization, 'BYE', users).ok, false, 'the method is part of the hash');
  }

  const challenge = parseDigestHeader(challenges[1] ?? '');
  assert.ok(challenge);
  const wrong = answerDigestChallenge({ challenge, nonceCount: 0 }, { username: '1001', password: 'otra' }, 'INVITE', 'sip:100@127.0.0.1');
  assert.deepEqual(server.verify(wrong, 'INVITE', users), { ok: false, reason: 'wrong-response', stale: false });
  const stranger = answerDigestChallenge({ challenge, nonceCount: 0 }, { username: '999', password: 'x' }, 'INVITE', 'sip:100@127.0.0.1');
  assert.equal(server.verify(stranger, 'INVITE', users).ok, false);

  const nonce = challenge.params.get('nonce') ?? '';
  const forged = parseDigestHeader(challenges[1]?.replace(nonce, `${nonce.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`) ?? '');
  assert.ok(forged);
  const forgedAnswer = answerDigestChallenge({ challenge: forged, nonceCount: 0 }, { username: '1001', password: 'clave secreta' }, 'INVITE', 'sip:100@127.0.0.1');
  assert.deepEqual(server.verify(forgedAnswer, 'INVITE', users), { ok: false, reason: 'bad-nonce', stale: false });

  const good = answerDigestChallenge({ challenge, nonceCount: 0 }, { username: '1001', password: 'clave secreta' }, 'INVITE', 'sip:100@127.0.0.1');
  now += 61_000;
  assert.deepEqual(server.verify(good, 'INVITE', users), { ok: false, reason: 'stale', stale: true });
  assert.match(server.challenge(true)[0] ?? '', /stale=true/);
});

test('the server accepts a stored HA1 instead of the password and reports malformed headers', () => {
  const server = createDigestServer({ realm: 'centralita', secret: 's', now: () => 1000, algorithms: ['MD5'] });
  const challenge = parseDigestHeader(server.challenge()[0] ?? '');
  assert.ok(challenge);
  const authorization = answerDigestChallenge({ challenge, nonceCount: 0 }, { username: 'ana', password: 'pw' }, 'REGISTER', 'sip:centralita');
  const ha1 = computeHa1('MD5', 'ana', 'centralita', 'pw');
  assert.equal(server.verify(authorization, 'REGISTER', () => ({ ha1 })).ok, true);
  assert.equal(server.verify(undefined, 'REGISTER', () => ({ ha1 })).ok, false);
  for (const bad of ['Digest', 'Digest username', 'Basic dXNlcjpwYXNz', 'Digest username="a", realm="centralita", nonce="x", uri="sip:c", response="00"']) {
    const result = server.verify(bad, 'REGISTER', () => ({ ha1 }));
    assert.equal(result.ok, false, bad);
  }
});
