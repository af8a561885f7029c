import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTone, spawnBaresip, writeBaresipConfig } from './baresip-process.ts';

export interface OperatorSoftphone {
  log(): string;
  /** Resolves once baresip reports an incoming call (it rings and waits: nothing answers by itself). */
  ringing(timeoutMs: number): Promise<void>;
  /** Picks up, as the operator would, through baresip's control socket. */
  answer(): Promise<void>;
  /** What the phone heard, once it has stopped. */
  heardWav(): string | undefined;
  stop(): Promise<void>;
}

/**
 * An operator's softphone that rings until told to answer, so a test can look at the console while
 * the phone is still ringing. baresip registers with digest auth, plays a tone as its microphone and
 * records what it hears; `ctrl_tcp` takes the "accept" command as a JSON netstring.
 */
export async function startOperatorSoftphone(options: {
  registrar: string;
  user: string;
  password: string;
  toneHz: number;
  seconds: number;
}): Promise<OperatorSoftphone> {
  if (spawnSync('baresip', ['-h']).error) throw new Error('baresip is missing: run scripts/ensure-test-peers.sh');
  const dir = mkdtempSync(join(tmpdir(), 'centralita-operator-phone-'));
  const port = 28000 + (process.pid % 300) * 3;
  const controlPort = port + 2;
  const tone = join(dir, 'tone.wav');
  makeTone(tone, options.seconds + 10, options.toneHz);
  writeBaresipConfig(dir, {
    sipPort: port, rtpPorts: `${port + 1000}-${port + 1099}`, source: tone,
    extra: ['module ctrl_tcp.so', `ctrl_tcp_listen 127.0.0.1:${controlPort}`],
    account: `<sip:${options.user}@${options.registrar};transport=udp>;auth_pass=${options.password};regint=600;answermode=manual;audio_codecs=PCMU,PCMA`,
  });
  const phone = spawnBaresip(dir, ['-t', String(options.seconds)]);
  const { child, exited } = phone;

  return {
    log: phone.log,
    async ringing(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (!/incoming call/i.test(phone.log())) {
        if (child.exitCode !== null) throw new Error(`baresip exited before ringing:\n${phone.log().slice(-3000)}`);
        if (Date.now() > until) throw new Error(`baresip never rang:\n${phone.log().slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async answer() {
      const json = JSON.stringify({ command: 'accept', params: '', token: 'answer' });
      // baresip answers the command with a netstring of its own; that reply is the acknowledgement.
      await new Promise<void>((resolve, reject) => {
        const socket = connect(controlPort, '127.0.0.1', () => socket.write(`${Buffer.byteLength(json)}:${json},`));
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new Error(`baresip did not acknowledge "accept":\n${phone.log().slice(-2000)}`));
        }, 5000);
        socket.once('data', () => {
          clearTimeout(timer);
          socket.destroy();
          resolve();
        });
        socket.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
    },
    heardWav: phone.heardWav,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
