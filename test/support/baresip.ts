import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTone, spawnBaresip, writeBaresipConfig } from './baresip-process.ts';

/**
 * A real softphone: baresip dials, plays a silent WAV as its microphone (aufile) and writes
 * what it hears to a WAV (sndfile), then hangs up after `seconds`.
 */
export async function callWithBaresip(target: string, seconds: number): Promise<{ heardWav: string; log: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-baresip-'));
  const port = 26000 + (process.pid % 400) * 2;
  spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', join(dir, 'silence.wav'), 'trim', '0', String(seconds + 10)]);
  writeBaresipConfig(dir, {
    sipPort: port, rtpPorts: `${port + 100}-${port + 199}`, source: join(dir, 'silence.wav'),
    account: '<sip:tester@127.0.0.1>;regint=0;audio_codecs=PCMU',
  });
  const phone = spawnBaresip(dir, ['-e', `/dial ${target}`, '-t', String(seconds)]);
  await phone.exited;
  const log = phone.log();
  const heard = phone.heardWav();
  if (!heard) throw new Error(`baresip recorded nothing:\n${log.slice(-3000)}`);
  return { heardWav: heard, log };
}

/** RMS amplitude (0–1) of a stretch of a WAV, measured by sox. */
export function rmsOf(wav: string, fromSeconds: number, lengthSeconds: number): number {
  // --ignore-length: a phone stopped mid-call leaves the WAV header's sizes unwritten.
  const result = spawnSync('sox', ['--ignore-length', wav, '-n', 'trim', String(fromSeconds), String(lengthSeconds), 'stat'], { encoding: 'utf8' });
  const match = /RMS\s+amplitude:\s+([0-9.]+)/.exec(result.stderr);
  if (!match) throw new Error(`sox could not measure ${wav}: ${result.stderr}`);
  return Number(match[1]);
}

let phonesStarted = 0;

export interface BaresipPhone {
  /** baresip's log so far. */
  log(): string;
  /** What the phone heard, once it has stopped. */
  heardWav(): string | undefined;
  stop(): Promise<void>;
}

/**
 * An operator's softphone: baresip registers to `registrar` as `user` with digest `password`, answers
 * every call by itself, plays a tone as its microphone (aufile) and records what it hears (sndfile).
 */
export async function startBaresipPhone(options: {
  registrar: string;
  user: string;
  password: string;
  toneHz: number;
  seconds: number;
  transport?: 'udp' | 'tcp';
}): Promise<BaresipPhone> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-phone-'));
  // Each phone its own SIP port (and port + 1, which baresip also binds), as separate devices would have.
  const port = 27000 + (process.pid % 100) * 20 + (phonesStarted++ % 5) * 4;
  const tone = join(dir, 'tone.wav');
  // The first second is silence, so a recording that starts at the answer still shows the tone arriving.
  makeTone(tone, options.seconds + 10, options.toneHz);
  const transport = options.transport ?? 'udp';
  writeBaresipConfig(dir, {
    sipPort: port, rtpPorts: `${port + 100}-${port + 199}`, source: tone,
    account: `<sip:${options.user}@${options.registrar}${transport === 'tcp' ? ';transport=tcp' : ''}>;auth_pass=${options.password};regint=600;answermode=auto;audio_codecs=PCMU,PCMA`,
  });
  const phone = spawnBaresip(dir, ['-t', String(options.seconds)]);
  return {
    log: phone.log,
    heardWav: phone.heardWav,
    async stop() {
      if (phone.child.exitCode === null) phone.child.kill('SIGTERM');
      await phone.exited;
    },
  };
}
