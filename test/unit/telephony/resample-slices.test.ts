import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resamplePcm, resamplePcmInSlices } from '../../../src/server/telephony/media/resample.ts';

function noise(length: number, seed = 7): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state % 20000) - 10000;
  });
}

for (const [fromRate, toRate] of [[22050, 8000], [48000, 8000], [44100, 8000], [11025, 8000], [8000, 16000], [22051, 8000]] as const) {
  test(`sliced resampling ${fromRate} → ${toRate} Hz equals the one-shot result`, async () => {
    const input = noise(fromRate * 2 + 333);
    const whole = resamplePcm(input, fromRate, toRate);
    let pauses = 0;
    const sliced = await resamplePcmInSlices(input, fromRate, toRate, {
      outputSamplesPerSlice: 700,
      pause: async () => void pauses++,
    });
    assert.equal(sliced.length, whole.length);
    let worst = 0;
    for (let i = 0; i < whole.length; i++) worst = Math.max(worst, Math.abs((whole[i] ?? 0) - (sliced[i] ?? 0)));
    assert.ok(worst <= 1, `largest difference ${worst}`);
    assert.ok(pauses >= 2, `${pauses} pauses`);
  });
}

test('sliced resampling yields to other work between slices', async () => {
  const input = noise(48000 * 3);
  let ticks = 0;
  const interval = setInterval(() => ticks++, 1);
  const started = performance.now();
  await resamplePcmInSlices(input, 48000, 8000);
  clearInterval(interval);
  const elapsed = performance.now() - started;
  assert.ok(ticks >= elapsed / 20, `${ticks} timer callbacks ran during ${elapsed.toFixed(0)} ms`);
});
