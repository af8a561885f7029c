import type { TIvrPromptItem } from '../ivr/ivr-types.ts';
import { concatPcm, pcmToG711Prompt, silencePcm, type G711Prompt } from '../telephony/media/g711-frames.ts';
import { generateTone } from '../telephony/media/tone-generator.ts';
import type { TextToSpeech } from '../telephony/prompts/text-to-speech.ts';

/** An uploaded prompt of the tenant, as 8 kHz PCM; undefined when it does not exist. */
export type UploadedPromptLoader = (id: string) => Promise<Int16Array | undefined>;

/** Distinct prompts kept encoded; a 10 s menu holds about 160 kB in both laws. */
const MAX_ENCODED = 100;
const beep = concatPcm([silencePcm(150), generateTone([1000], 400, { amplitude: 6000 })]);

/**
 * Turns what the engine wants said into one stretch of G.711 audio: speech from the offline
 * text-to-speech (cached), references read digit by digit, uploaded recordings, the record beep.
 */
export function createPromptRenderer(tts: TextToSpeech, loadUploaded: UploadedPromptLoader) {
  // Encoding a menu into G.711 frames costs milliseconds on the thread that runs every call's media; replays
  // (every caller hears the same menu) reuse it. Uploaded audio is not kept: it may be deleted meanwhile.
  const encoded = new Map<string, Promise<G711Prompt>>();
  return function renderOnce(items: readonly TIvrPromptItem[]): Promise<G711Prompt> {
    if (items.some((item) => item.kind === 'audio')) return render(items);
    const key = JSON.stringify(items);
    const rendering = encoded.get(key) ?? render(items);
    // Re-inserted on every use, so the least recently played prompt is the one dropped.
    encoded.delete(key);
    encoded.set(key, rendering);
    if (encoded.size > MAX_ENCODED) encoded.delete(encoded.keys().next().value!);
    rendering.catch(() => encoded.get(key) === rendering && encoded.delete(key));
    return rendering;
  };

  async function render(items: readonly TIvrPromptItem[]): Promise<G711Prompt> {
    const parts = await Promise.all(
      items.map(async (item): Promise<Int16Array> => {
        switch (item.kind) {
          case 'tts':
            return (await tts.render(item.text, item.language)).pcm;
          case 'digits':
            return (await tts.renderDigits(item.digits, item.language)).pcm;
          case 'audio':
            // A prompt deleted after the flow was published is skipped rather than failing the call.
            return (await loadUploaded(item.id)) ?? new Int16Array(0);
          case 'beep':
            return beep;
        }
      }),
    );
    const joined: Int16Array[] = [];
    parts.forEach((part, i) => {
      if (i > 0) joined.push(silencePcm(200));
      joined.push(part);
    });
    return pcmToG711Prompt(concatPcm(joined));
  }
}

export type PromptRenderer = ReturnType<typeof createPromptRenderer>;
