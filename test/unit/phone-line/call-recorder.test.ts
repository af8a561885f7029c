import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCallRecorder, type CallRecordingToStore } from '../../../src/server/phone-line/call-recorder.ts';
import { decodeMuLaw } from '../../../src/server/telephony/media/g711.ts';
import { silentLogger } from '../telephony/silent-logger.ts';

test('a bridged call is recorded as both directions summed into one µ-law track, stored once', async () => {
  const stored: CallRecordingToStore[] = [];
  const recorder = createCallRecorder({
    legs: ['caller', 'agent'], tenantId: 't1', queueCallId: 'q1', callId: 'c1', log: silentLogger,
    store: async (recording) => void stored.push(recording),
  });
  recorder.write('caller', new Int16Array(160).fill(1000));
  recorder.write('agent', new Int16Array(160).fill(2000));
  recorder.write('caller', new Int16Array(160).fill(-500));
  recorder.write('stranger', new Int16Array(160).fill(9000));
  await recorder.finish();
  await recorder.finish();
  assert.equal(stored.length, 1);
  const { audio, durationMs, ...rest } = stored[0]!;
  assert.deepEqual(rest, { tenantId: 't1', queueCallId: 'q1', callId: 'c1' });
  assert.equal(durationMs, 40);
  const pcm = decodeMuLaw(new Uint8Array(audio));
  assert.ok(Math.abs(pcm[0]! - 3000) < 100, `both legs summed: ${pcm[0]}`);
  assert.ok(Math.abs(pcm[200]! + 500) < 40, `the caller alone afterwards: ${pcm[200]}`);
});

test('sums that overflow are clipped, and a recording beyond the limit keeps its start', async () => {
  const stored: CallRecordingToStore[] = [];
  const recorder = createCallRecorder({
    legs: ['a', 'b'], tenantId: 't', queueCallId: 'q', callId: undefined, log: silentLogger, maxSeconds: 0.04,
    store: async (recording) => void stored.push(recording),
  });
  for (let i = 0; i < 5; i++) {
    recorder.write('a', new Int16Array(160).fill(30000));
    recorder.write('b', new Int16Array(160).fill(30000));
  }
  await recorder.finish();
  assert.equal(stored[0]!.durationMs, 40);
  assert.ok(decodeMuLaw(new Uint8Array(stored[0]!.audio))[0]! > 30000, 'clipped near full scale, not wrapped negative');
});
