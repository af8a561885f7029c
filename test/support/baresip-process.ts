import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One baresip in its own folder: the configuration every test phone shares (loopback only, G.711,
 * a WAV as the microphone, what it hears recorded by sndfile), its account and its process.
 */
export function writeBaresipConfig(dir: string, options: { sipPort: number; rtpPorts: string; source: string; account: string; extra?: string[] }): void {
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method poll',
      `sip_listen 127.0.0.1:${options.sipPort}`,
      'net_interface 127.0.0.1',
      `audio_player aufile,${join(dir, 'player.wav')}`,
      `audio_source aufile,${options.source}`,
      `audio_alert aufile,${join(dir, 'alert.wav')}`,
      'audio_srate 8000',
      'audio_channels 1',
      `rtp_ports ${options.rtpPorts}`,
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aufile.so',
      'module sndfile.so',
      'module menu.so',
      'module account.so',
      ...(options.extra ?? []),
      'module_app contact.so',
      `snd_path ${dir}`,
    ].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'accounts'), `${options.account}\n`);
  writeFileSync(join(dir, 'contacts'), '');
}

/** A tone (after `vol`) as a phone's microphone: sox synthesises it once. */
export function makeTone(path: string, seconds: number, hz: number): void {
  const made = spawnSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', path, 'synth', String(seconds), 'sine', String(hz), 'vol', '0.4']);
  if (made.status !== 0) throw new Error(`sox could not make the phone's tone: ${made.stderr}`);
}

export interface BaresipProcess {
  child: ChildProcess;
  log(): string;
  exited: Promise<unknown>;
  /** What the phone heard (sndfile's decoded WAV), once it exists. */
  heardWav(): string | undefined;
}

export function spawnBaresip(dir: string, args: string[]): BaresipProcess {
  const child = spawn('baresip', ['-f', dir, ...args], { cwd: dir });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  child.on('error', (error) => (log += `\nspawn failed: ${error.message}`));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    child,
    log: () => log,
    exited,
    heardWav: () => {
      const heard = readdirSync(dir).find((f) => f.endsWith('-dec.wav'));
      return heard ? join(dir, heard) : undefined;
    },
  };
}
