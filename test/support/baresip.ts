import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real softphone: baresip dials, plays a silent WAV as its microphone (aufile) and writes
 * what it hears to a WAV (sndfile), then hangs up after `seconds`.
 */
export async function callWithBaresip(target: string, seconds: number): Promise<{ heardWav: string; log: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-baresip-'));
  const port = 26000 + (process.pid % 400) * 2;
  spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', join(dir, 'silence.wav'), 'trim', '0', String(seconds + 10)]);
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method poll',
      `sip_listen 127.0.0.1:${port}`,
      'net_interface 127.0.0.1',
      `audio_player aufile,${join(dir, 'player.wav')}`,
      `audio_source aufile,${join(dir, 'silence.wav')}`,
      `audio_alert aufile,${join(dir, 'alert.wav')}`,
      'audio_srate 8000',
      'audio_channels 1',
      `rtp_ports ${port + 100}-${port + 199}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      'module sndfile.so',
      'module menu.so',
      'module account.so',
      'module_app contact.so',
      `snd_path ${dir}`,
    ].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'accounts'), '<sip:tester@127.0.0.1>;regint=0;audio_codecs=PCMU\n');
  writeFileSync(join(dir, 'contacts'), '');
  const child = spawn('baresip', ['-f', dir, '-e', `/dial ${target}`, '-t', String(seconds)], { cwd: dir });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  await new Promise((resolve) => child.on('exit', resolve));
  const heard = readdirSync(dir).find((f) => f.endsWith('-dec.wav'));
  if (!heard) throw new Error(`baresip recorded nothing:\n${log.slice(-3000)}`);
  return { heardWav: join(dir, heard), log };
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
  const made = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', tone, 'synth', String(options.seconds + 10), 'sine', String(options.toneHz), 'vol', '0.4']);
  if (made.status !== 0) throw new Error(`sox could not make the phone's tone: ${made.stderr}`);
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method poll',
      `sip_listen 127.0.0.1:${port}`,
      'net_interface 127.0.0.1',
      `audio_player aufile,${join(dir, 'player.wav')}`,
      `audio_source aufile,${tone}`,
      `audio_alert aufile,${join(dir, 'alert.wav')}`,
      'audio_srate 8000',
      'audio_channels 1',
      `rtp_ports ${port + 100}-${port + 199}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      'module sndfile.so',
      'module menu.so',
      'module account.so',
      'module_app contact.so',
      `snd_path ${dir}`,
    ].join('\n') + '\n',
  );
  const transport = options.transport ?? 'udp';
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${options.user}@${options.registrar}${transport === 'tcp' ? ';transport=tcp' : ''}>;auth_pass=${options.password};regint=600;answermode=auto;audio_codecs=PCMU,PCMA\n`,
  );
  writeFileSync(join(dir, 'contacts'), '');
  const child = spawn('baresip', ['-f', dir, '-t', String(options.seconds)], { cwd: dir });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  child.on('error', (error) => (log += `\nspawn failed: ${error.message}`));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    log: () => log,
    heardWav: () => {
      const heard = readdirSync(dir).find((f) => f.endsWith('-dec.wav'));
      return heard ? join(dir, heard) : undefined;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
