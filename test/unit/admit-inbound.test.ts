import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitInbound, ipInRange } from '../../src/server/trunks/admit-inbound.ts';
import type { TrunkRow } from '../../src/server/trunks/trunk-repository.ts';

const trunk = (over: Partial<TrunkRow>): TrunkRow => ({
  id: 't', name: 't', allowedSources: [], authRealm: null, authUsername: null, authHa1Md5: null, authHa1Sha256: null,
  registerUri: null, registerUsername: null, registerPassword: null, registerExpires: 600, enabled: true, createdAt: new Date(), ...over,
});

test('CIDR ranges and single addresses', () => {
  assert.ok(ipInRange('192.0.2.77', '192.0.2.0/24'));
  assert.ok(!ipInRange('192.0.3.1', '192.0.2.0/24'));
  assert.ok(ipInRange('10.1.2.3', '10.1.2.3'));
  assert.ok(ipInRange('::ffff:10.1.2.3', '10.0.0.0/8'));
  assert.ok(ipInRange('8.8.8.8', '0.0.0.0/0'));
  assert.ok(!ipInRange('not-an-ip', '0.0.0.0/0'));
});

test('no trunk: the line is open; with trunks: source, then credentials, else refused', () => {
  assert.deepEqual(admitInbound([], '203.0.113.9'), { kind: 'open' });
  const bySource = trunk({ name: 'carrier', allowedSources: ['198.51.100.0/24'] });
  const byDigest = trunk({ name: 'pbx', authUsername: 'pbx', authHa1Md5: 'x' });
  assert.equal(admitInbound([bySource, byDigest], '198.51.100.4').kind, 'trunk');
  const credentials = admitInbound([bySource, byDigest], '203.0.113.9');
  assert.equal(credentials.kind, 'credentials');
  assert.equal(admitInbound([bySource], '203.0.113.9').kind, 'refused');
  assert.equal(admitInbound([trunk({ allowedSources: ['198.51.100.0/24'], enabled: false })], '198.51.100.4').kind, 'refused');
});
