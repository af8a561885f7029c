import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createRtpPortPool, RtpPortsExhaustedError, type RtpPortLease } from '../../../src/server/telephony/rtp/rtp-port-pool.ts';

test('hands out bound even ports until the range is exhausted, then fails clearly', async () => {
  const pool = createRtpPortPool({ host: '127.0.0.1', minPort: 41301, maxPort: 41308 });
  assert.equal(pool.capacity, 3, '41302, 41304, 41306 (41308 has no room for its RTCP port)');
  const leases: RtpPortLease[] = [];
  for (let i = 0; i < 3; i++) leases.push(await pool.allocate());
  assert.deepEqual(leases.map((lease) => lease.port).sort(), [41302, 41304, 41306]);
  for (const lease of leases) assert.deepEqual(lease.socket.address(), { address: '127.0.0.1', family: 'IPv4', port: lease.port });
  assert.equal(pool.inUse, 3);
  await assert.rejects(pool.allocate(), (error) => error instanceof RtpPortsExhaustedError && /41302-41307/.test(error.message));
  leases[1]!.release();
  leases[1]!.release();
  assert.equal(pool.inUse, 2);
  const again = await pool.allocate();
  assert.equal(again.port, leases[1]!.port);
  for (const lease of [...leases, again]) lease.release();
  assert.equal(pool.inUse, 0);
});

test('reuses a freed port last, and frees a port whose socket was closed directly', async () => {
  const pool = createRtpPortPool({ host: '127.0.0.1', minPort: 41320, maxPort: 41329 });
  const first = await pool.allocate();
  first.release();
  const second = await pool.allocate();
  assert.notEqual(second.port, first.port);
  await new Promise<void>((resolve) => second.socket.close(resolve));
  assert.equal(pool.inUse, 0);
});

test('skips a port another process holds', async () => {
  const squatter = createSocket('udp4');
  await new Promise<void>((resolve) => squatter.bind(41340, '127.0.0.1', resolve));
  try {
    const pool = createRtpPortPool({ host: '127.0.0.1', minPort: 41340, maxPort: 41343 });
    const lease = await pool.allocate();
    assert.equal(lease.port, 41342);
    await assert.rejects(pool.allocate(), RtpPortsExhaustedError);
    lease.release();
  } finally {
    squatter.close();
  }
});

test('concurrent allocations never share a port', async () => {
  const pool = createRtpPortPool({ host: '127.0.0.1', minPort: 41360, maxPort: 41399 });
  const leases = await Promise.all(Array.from({ length: 20 }, () => pool.allocate()));
  assert.equal(new Set(leases.map((lease) => lease.port)).size, 20);
  for (const lease of leases) lease.release();
});

test('rejects ranges without an even port pair', () => {
  assert.throws(() => createRtpPortPool({ host: '127.0.0.1', minPort: 41401, maxPort: 41402 }), RangeError);
  assert.throws(() => createRtpPortPool({ host: '127.0.0.1', minPort: 80, maxPort: 100 }), RangeError);
});
