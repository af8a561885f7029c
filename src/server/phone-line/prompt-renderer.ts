import type { TIvrPromptItem } from '../ivr/ivr-types.ts';
import { concatPcm, pcmToG711Prompt, silencePcm, type G711Prompt } from '../telephony/media/g711-frames.ts';
import { generateTone } from '../telephony/media/tone-generator.ts';
import type { TextToSpeech } from '../telephony/prompts/text-to-speech.ts';

/** An uploaded prompt of the tenant, as 8 kHz PCM; undefined when it does not exist. */
export type UploadedPromptLoader = (id: string) => Promise<Int16Array | undefined>;

const beep = concatPcm([silencePcm(150), generateTone([1000], 400, { amplitude: 6000 })]);

/**
 * Turns what the engine wants said into one stretch of G.711 audio: speech from the offline
 * text-to-speech (cached), references read digit by digit, uploaded recordings, the record beep.
 */
export function createPromptRenderer(tts: TextToSpeech, loadUploaded: UploadedPromptLoader) {
  return async function render(items: readonly TIvrPromptItem[]): Promise<G711Prompt> {
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
  };
}

export type PromptRenderer = ReturnType<typeof createPromptRenderer>;
