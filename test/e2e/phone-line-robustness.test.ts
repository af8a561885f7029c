import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';
import { runSippCall } from '../support/sipp.ts';
import { eventually, signInTo } from '../support/desk-api.ts';

const password = 'robust-test-password';

/** Sends datagrams from one socket and collects what comes back for a while. */
async function exchangeUdp(port: number, datagrams: (string | Buffer)[], waitMs = 800): Promise<string[]> {
  const socket = createSocket('udp4');
  const replies: string[] = [];
  socket.on('message', (m) => replies.push(m.toString('latin1')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  for (const d of datagrams) {
    socket.send(d, port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, waitMs));
  socket.close();
  return replies;
}

const options = (callId: string) =>
  [
    'OPTIONS sip:+34900100200@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK' + callId,
    'From: <sip:probe@127.0.0.1>;tag=1',
    'To: <sip:+34900100200@127.0.0.1>',
    `Call-ID: ${callId}`,
    'CSeq: 1 OPTIONS',
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

const invite = (callId: string, branch: string) => {
  const sdp = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 39000 RTP/AVP 0 101', 'a=rtpmap:101 telephone-event/8000', ''].join('\r\n');
  return [
    'INVITE sip:+34900100200@127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=${branch}`,
    'From: <sip:+34611000999@127.0.0.1>;tag=retr',
    'To: <sip:+34900100200@127.0.0.1>',
    `Call-ID: ${callId}`,
    'CSeq: 1 INVITE',
    'Contact: <sip:+34611000999@127.0.0.1:9>',
    'Max-Forwards: 70',
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(sdp)}`,
    '',
    sdp,
  ].join('\r\n');
};

describe('the phone line under bad input and crashes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-robust-'));
  let desk: SpawnedDesk;

  before(async () => {
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password, RTP_TIMEOUT_SECONDS: '600' });
  });
  after(async () => {
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('malformed SIP gets 400 or is ignored, and the line keeps answering', async () => {
    const replies = await exchangeUdp(desk.sipPort, [
      'INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKtrunc\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@',
      'OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKgarb\r\n\u0001\u0002garbage header line\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nCall-ID: g1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n',
      options('cl').replace('Content-Length: 0', 'Content-Length: 999999999'),
      options('neg').replace('Content-Length: 0', 'Content-Length: -5'),
      randomBytes(1200),
      Buffer.alloc(0),
    ]);
    assert.ok(replies.every((r) => /^SIP\/2\.0 400 /.test(r)), replies.join('\n---\n'));
    const tcp = connect(desk.sipPort, '127.0.0.1');
    await new Promise((r) => tcp.once('connect', r));
    tcp.write(randomBytes(5000));
    tcp.write('INVITE sip:x SIP/2.0\r\nContent-Length: 12\r\n\r\nshort');
    tcp.destroy();
    const after = await exchangeUdp(desk.sipPort, [options('after-garbage')]);
    assert.match(after[0] ?? '', /^SIP\/2\.0 200 OK/);
    assert.equal((await fetch(`${desk.baseUrl}/healthz`)).status, 200);
  });

  test('a retransmitted INVITE makes one call', async () => {
    const callId = `retransmit-${Date.now()}`;
    const message = invite(callId, 'z9hG4bKretransmit1');
    const replies = await exchangeUdp(desk.sipPort, [message, message, message], 1500);
    assert.ok(replies.some((r) => r.startsWith('SIP/2.0 200 OK')), replies.map((r) => r.split('\r\n')[0]).join(', '));
    const bye = message.replace(/^INVITE/, 'BYE').replace('CSeq: 1 INVITE', 'CSeq: 2 BYE').replace(/Content-Type[\s\S]*$/, 'Content-Length: 0\r\n\r\n');
    const toTag = /To: [^\r]*;tag=([^\r;]+)/.exec(replies.find((r) => r.startsWith('SIP/2.0 200')) ?? '')?.[1];
    await exchangeUdp(desk.sipPort, [bye.replace('To: <sip:+34900100200@127.0.0.1>', `To: <sip:+34900100200@127.0.0.1>;tag=${toTag}`)]);
    const api = await signInTo(desk.baseUrl, 'admin@demo.local', password);
    const calls = (await api.get('/api/v1/calls?phone=%2B34611000999')).body.items;
    assert.equal(calls.length, 1);
  });

  test('killed with SIGKILL right after a reference was spoken, the case is there after restart', async () => {
    const caller = '+34688777666';
    const abort = new AbortController();
    const sipp = runSippCall(
      desk.sipPort, '+34900100200',
      { callerId: caller, steps: [{ pause: 1500 }, { digits: '1' }, { pause: 2500 }, { digits: '4' }, { pause: 2000 }, { digits: '1' }, { pause: 2000 }, { digits: '1' }, { pause: 60_000 }] },
      90, abort.signal,
    );
    const api = await signInTo(desk.baseUrl, 'admin@demo.local', password);
    const call = await eventually(async () => {
      const items = (await api.get(`/api/v1/calls?phone=${encodeURIComponent(caller)}`)).body.items;
      return items[0]?.caseReference ? items[0] : undefined;
    }, 30_000, 'the case of the call');
    // The reference is read once the case is committed; give it time to be heard, then crash.
    await new Promise((r) => setTimeout(r, 4000));
    await desk.stop('SIGKILL');
    abort.abort();
    await sipp;
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password, RTP_TIMEOUT_SECONDS: '600' });
    const again = await signInTo(desk.baseUrl, 'admin@demo.local', password);
    const opened = await again.get(`/api/v1/cases/${call.caseReference}`);
    assert.equal(opened.status, 200);
    assert.deepEqual(opened.body.intake, { appliance: 'oven', underWarranty: true, urgency: 'urgent' });
    assert.equal(opened.body.priority, 'urgent');
    const record = (await again.get(`/api/v1/calls/${call.id}`)).body;
    assert.equal(record.endReason, 'server_restart');
    assert.equal(record.caseReference, call.caseReference);
  });
});
