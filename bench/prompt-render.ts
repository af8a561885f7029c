// Prints text-to-speech render times: cold (eSpeak NG in its worker, then resampling and encoding), from the
// in-process cache, and from the on-disk cache in a fresh instance. It also times how long the main thread was
// blocked at worst while rendering, because that is what the calls' media would feel.
//
//   node --import tsx bench/prompt-render.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEspeakSynthesizer } from '../src/server/telephony/prompts/espeak-synthesizer.ts';
import { createTextToSpeech, type PromptLanguage } from '../src/server/telephony/prompts/text-to-speech.ts';

const PROMPTS: Array<[PromptLanguage, string]> = [
  ['es', 'Gracias por llamar al servicio técnico. Para una avería, pulse uno. Para otras consultas, pulse dos.'],
  ['es', 'Todos nuestros técnicos están ocupados. Por favor, espere.'],
  ['ca', 'Gràcies per trucar al servei tècnic. Per a una avaria, premeu u.'],
  ['en', 'Thank you for calling. Please hold while we connect you to a technician.'],
];

const cacheDir = await mkdtemp(join(tmpdir(), 'centralita-prompt-bench-'));
const synthesizer = createEspeakSynthesizer();
let worstBlockMs = 0;
let last = performance.now();
const watchdog = setInterval(() => {
  const now = performance.now();
  worstBlockMs = Math.max(worstBlockMs, now - last - 5);
  last = now;
}, 5);
try {
  const tts = createTextToSpeech({ synthesizer, cacheDir });
  await tts.render('Hola.', 'es');
  console.log('language  audio ms  cold ms  memory ms  disk ms  text');
  for (const [language, text] of PROMPTS) {
    const cold = await tts.render(text, language);
    const warm = await tts.render(text, language);
    const disk = await createTextToSpeech({ synthesizer, cacheDir }).render(text, language);
    const row = [language.padEnd(8), String(cold.durationMs).padStart(8), cold.renderMs.toFixed(0).padStart(8)];
    row.push(warm.renderMs.toFixed(3).padStart(10), disk.renderMs.toFixed(1).padStart(8), ` ${text.slice(0, 40)}…`);
    console.log(row.join('  '));
  }
  const digits = await tts.renderDigits('34429955', 'es');
  const digitsAgain = await tts.renderDigits('59923', 'es');
  console.log(`digits "34429955": ${digits.durationMs} ms of audio, ${digits.renderMs.toFixed(0)} ms cold; "59923" from cached digits ${digitsAgain.renderMs.toFixed(1)} ms`);
  console.log(`worst main-thread stall while rendering: ${worstBlockMs.toFixed(1)} ms (includes the OS preempting this process)`);
} finally {
  clearInterval(watchdog);
  await synthesizer.close();
  await rm(cacheDir, { recursive: true, force: true });
}
