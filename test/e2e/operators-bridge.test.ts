import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AcdEntry, TEnqueueRequest, TLegId, TRingFailure } from '../../src/server/acd/acd-telephony.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { startPhoneLine, type PhoneLine } from '../../src/server/phone-line/phone-line.ts';
import { decodeALaw } from '../../src/server/telephony/media/g711.ts';
import { rmsLevel } from '../../src/server/telephony/media/g711-frames.ts';
import { rmsOf, startBaresipPhone, type BaresipPhone } from '../support/baresip.ts';
import { startRtpCapture } from '../support/rtp-capture.ts';
import { reserveSippPort, runSippCall } from '../support/sipp.ts';
import { createTestDesk, testPassword, type TestDesk } from '../support/test-desk.ts';
import { oneDatabaseKind } from '../support/test-database.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(50);
  }
}

/**
 * The line's side of the operators' queues with real peers: a baresip softphone registered as the demo
 * operator's extension 1001 (digest), a SIPp caller on the demo line who presses 0. The queue logic here
 * is the smallest driver of `AcdTelephony` (wait, ring 1001, bridge); the real ACD drives the same calls.
 */
// Real peers on one database: the bridge on PGlite, the console on PostgreSQL when the run has one.
for (const kind of oneDatabaseKind('pglite')) {
  describe(`operators' bridge with real SIP peers (${kind})`, () => {
    let desk: TestDesk;
    let line: PhoneLine;
    let phone: BaresipPhone | undefined;
    const enqueued: TEnqueueRequest[] = [];
    const ended: Array<{ leg: TLegId; by: string }> = [];
    const registrations: Array<[string, boolean]> = [];
    const ringResults: Array<{ answered?: TLegId; failed?: TRingFailure }> = [];
    let answeredAt = 0;

    before(async () => {
      desk = await createTestDesk(kind, { demo: true });
      const base = 32000 + (process.pid % 50) * 40 + (kind === 'postgres' ? 20 : 0);
      line = await startPhoneLine(desk.services, createLogger('silent'), {
        sipHost: '127.0.0.1', sipPort: 0, rtpPorts: { low: base, high: base + 19 }, dataDir: undefined, answerDelayMs: 100,
      });
      const acd = line.acdTelephony;
      const entry: AcdEntry = {
        async enqueue(request) {
          enqueued.push(request);
          acd.startWaiting(request.leg, { language: request.language, position: 1, estimatedWaitSeconds: 40, offerCallback: false });
          // A moment of waiting music, then the operator's phone rings.
          setTimeout(() => {
            acd.ringAgent({ extension: '1001', callerId: request.callerId, callerName: 'Cliente', timeoutMs: 15_000 }, {
              answered: (agentLeg) => {
                answeredAt = Date.now();
                ringResults.push({ answered: agentLeg });
                acd.bridge(request.leg, agentLeg);
              },
              failed: (reason) => ringResults.push({ failed: reason }),
            });
          }, 1500);
          return true;
        },
        legEnded: (leg, by) => {
          ended.push({ leg, by });
          // As the ACD does: when the caller hangs up, the operator's leg is ended too.
          const agentLeg = ringResults.find((r) => r.answered)?.answered;
          if (agentLeg && leg !== agentLeg) acd.hangup(agentLeg);
        },
        digit: () => undefined,
        registrationChanged: (extension, registered) => void registrations.push([extension, registered]),
      };
      line.connectAcd(entry);
    });

    after(async () => {
      await phone?.stop();
      await line?.stop();
      await desk?.close();
    });

    test('a wrong password is challenged again, then refused; an unknown extension is refused', async () => {
      const intruder = await startBaresipPhone({ registrar: `127.0.0.1:${line.sipPort}`, user: '1001', password: 'not-the-password', toneHz: 500, seconds: 4 });
      await wait(3000);
      await intruder.stop();
      assert.equal(line.registrationOf('1001').registered, false, 'a wrong password registers nothing');
      // Challenged again (401) on every wrong answer, until the retries of the same phone are refused (403).
      assert.match(intruder.log(), /401 Unauthorized|403 Forbidden/, intruder.log().slice(-1500));
      const stranger = await startBaresipPhone({ registrar: `127.0.0.1:${line.sipPort}`, user: '1999', password: testPassword, toneHz: 500, seconds: 3 });
      await wait(2000);
      await stranger.stop();
      assert.match(stranger.log(), /404|Not Found/, stranger.log().slice(-1500));
      assert.equal(line.acdTelephony.isRegistered('1999'), false);
    });

    test('the caller presses 0, the operator answers, and audio flows both ways', async (t) => {
      phone = await startBaresipPhone({ registrar: `127.0.0.1:${line.sipPort}`, user: '1001', password: testPassword, toneHz: 1000, seconds: 60 });
      await until('extension 1001 registered', () => (line.acdTelephony.isRegistered('1001') ? true : undefined));
      const status = line.registrationOf('1001');
      assert.equal(status.registered, true);
      assert.match(status.contact ?? '', /^sip:1001[^@]*@127\.0\.0\.1:\d+/);
      assert.match(status.userAgent ?? '', /baresip/i);
      assert.deepEqual(registrations.at(-1), ['1001', true]);

      const sippPort = await reserveSippPort();
      const capture = await startRtpCapture(sippPort + 2);
      t.after(() => capture.stop().then(() => undefined));
      const caller = '+34611222333';
      const sippStartedAt = Date.now();
      const call = runSippCall(line.sipPort, '+34900100200', {
        callerId: caller,
        // A-law on the caller's side, µ-law on the phone's: the relay transcodes.
        codec: 'PCMA',
        localPort: sippPort,
        // The voice starts well after the bridge (announcement, waiting music, ringing) and lasts 7 s.
        steps: [{ pause: 2500 }, { digits: '0' }, { pause: 22_000 }, { playPcap: '/usr/share/sip-tester/g711a.pcap' }, { pause: 7500 }],
      }, 60);
      const result = await call;
      const received = await capture.stop();
      assert.equal(result.code, 0, `SIPp failed: ${result.errors}\n${result.stdout.slice(-2000)}`);

      assert.equal(enqueued.length, 1, 'the IVR handed the caller to the queues');
      const request = enqueued[0]!;
      assert.equal(request.queueName, 'default');
      assert.equal(request.callerId, caller);
      assert.ok(request.context.path.includes('operator'), JSON.stringify(request.context.path));
      const answered = ringResults.find((r) => r.answered)?.answered;
      assert.ok(answered, `the operator's phone answered: ${JSON.stringify(ringResults)}`);

      // The caller hung up: the ACD hears it, and the call record says an operator took it.
      await until('the caller leg reported ended', () => ended.find((e) => e.leg === request.leg));
      assert.deepEqual(ended.find((e) => e.leg === request.leg), { leg: request.leg, by: 'remote' });
      let records: Array<{ outcome: string; path: unknown[] }> = [];
      for (let i = 0; i < 100 && records.length === 0; i++) {
        records = await desk.services.db.query('select outcome, ivr_path as path from calls where id = $1 and ended_at is not null', [request.leg]);
        if (records.length === 0) await wait(100);
      }
      assert.equal(records[0]?.outcome, 'answered_by_operator');
      assert.ok(Array.isArray(records[0]?.path) && records[0].path.length > 2, 'the call keeps its menu path');

      // What reached SIPp's media port after the bridge: the operator's 1 kHz tone, in A-law.
      const audio = received.filter((p) => p.payloadType === 8);
      assert.ok(audio.length > 300, `RTP packets to the caller: ${audio.length}`);
      const lastSeconds = audio.slice(-200).map((p) => rmsLevel(decodeALaw(new Uint8Array(p.payload))));
      const loud = lastSeconds.filter((level) => level > 500).length;
      assert.ok(loud > 150, `the caller hears the operator: ${loud} of the last 200 packets carry audio`);

      // What the phone heard: the caller's voice from SIPp's capture, relayed and transcoded to µ-law.
      await until('the operator leg reported ended', () => ended.find((e) => e.leg === answered && e.by === 'local'));
      await until('baresip saw the BYE', () => (/terminated|closed|Call.*end/i.test(phone!.log()) ? true : undefined), 5000);
      await phone.stop();
      const heard = phone.heardWav();
      assert.ok(heard, `baresip recorded nothing:\n${phone.log().slice(-3000)}`);
      assert.match(phone.log(), /Call established|answer/i);
      // The phone's recording starts at its answer; SIPp's 7 s of voice began about 25 s after the caller's start.
      const voiceAt = (sippStartedAt + 25_000 - answeredAt) / 1000;
      const from = Math.max(0, voiceAt + 0.5);
      const length = Math.min(5, voiceAt + 6.5 - from);
      assert.ok(length >= 2, `the bridge came ${-voiceAt} s after the caller's voice began: nothing left to measure`);
      const duringCapture = rmsOf(heard, from, length);
      const beforeVoice = voiceAt >= 3 ? rmsOf(heard, voiceAt - 3, 2) : undefined;
      t.diagnostic(`caller received ${audio.length} A-law packets, ${loud} of the last 200 loud; phone heard RMS ${duringCapture} (before the voice ${beforeVoice})`);
      assert.ok(duringCapture > 0.01, `the operator hears the caller: RMS ${duringCapture}`);
      if (beforeVoice !== undefined) assert.ok(beforeVoice < duringCapture / 2, `silence before the voice (${beforeVoice}) and the voice (${duringCapture})`);
    });

    test('a phone registered over TCP is rung on its connection, and hangs up from its side', async () => {
      const tcpPhone = await startBaresipPhone({ registrar: `127.0.0.1:${line.sipPort}`, user: '1001', password: testPassword, toneHz: 800, seconds: 20, transport: 'tcp' });
      try {
        await until('a TCP binding for 1001', () => (line.registrationOf('1001').contact?.includes('transport=tcp') ? true : undefined));
        const outcome = await new Promise<{ answered?: TLegId; failed?: TRingFailure }>((resolve) =>
          line.acdTelephony.ringAgent({ extension: '1001', callerId: '+34600000001', timeoutMs: 10_000 }, {
            answered: (leg) => resolve({ answered: leg }),
            failed: (reason) => resolve({ failed: reason }),
          }),
        );
        assert.ok(outcome.answered, `answered over TCP: ${JSON.stringify(outcome)}\n${tcpPhone.log().slice(-2000)}`);
        await until('the TCP phone in the call', () => (/Call established/.test(tcpPhone.log()) ? true : undefined), 5000);
        await tcpPhone.stop();
        await until('the TCP phone\'s hang-up reported', () => ended.find((e) => e.leg === outcome.answered && e.by === 'remote'));
      } finally {
        await tcpPhone.stop();
      }
    });
  });
}
