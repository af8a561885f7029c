import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dtmfCapture = (digit: string) =>
  `/usr/share/sip-tester/dtmf_2833_${digit === '#' ? 'pound' : digit === '*' ? 'star' : digit}.pcap`;

export type SippStep =
  | { pause: number }
  | { digits: string; gapMs?: number }
  /** Replays a capture's RTP as the caller's voice, e.g. /usr/share/sip-tester/g711a.pcap (A-law, 30 ms packets). */
  | { playPcap: string }
  /** The last step: the caller keeps talking (the capture again every `everyMs`) until the desk hangs up. */
  | { talkUntilHangup: string; everyMs: number };

export interface SippCallOptions {
  /** What the caller does after the answer; ends with a BYE unless `cancelBeforeAnswer` or `awaitHangup` says otherwise. */
  steps: SippStep[];
  callerId?: string;
  cancelBeforeAnswer?: boolean;
  /** The desk ends the call (after a voicemail, a goodbye): wait for its BYE instead of sending one. */
  awaitHangup?: boolean;
  /** The audio codec offered with telephone-event: PCMU (default) or PCMA, for captures in A-law. */
  codec?: 'PCMU' | 'PCMA';
  /** SIPp's SIP port; its media port is this + 2. Chosen by the helper when not given. */
  localPort?: number;
}

/**
 * A SIPp caller scenario: INVITE offering PCMU + telephone-event/8000, ACK, then RFC 4733 digits
 * replayed from SIPp's own captures, then BYE. SIPp is the real peer; nothing is simulated.
 */
export function buildCallerScenario(options: SippCallOptions): string {
  const from = options.callerId ?? '+34612345678';
  const invite = `
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Caller" <sip:${from}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:${from}@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP ${options.codec === 'PCMA' ? '8' : '0'} 101
      a=rtpmap:${options.codec === 'PCMA' ? '8 PCMA' : '0 PCMU'}/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=ptime:20
    ]]>
  </send>
  <recv response="100" optional="true"/>`;
  if (options.cancelBeforeAnswer) {
    return wrap(`${invite}
  <recv response="180"/>
  <pause milliseconds="300"/>
  <send>
    <![CDATA[
      CANCEL sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-4]
      From: "Caller" <sip:${from}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 CANCEL
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200"/>
  <recv response="487"/>
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-7]
      From: "Caller" <sip:${from}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>`);
  }
  const last = options.steps.at(-1);
  const talking = last && 'talkUntilHangup' in last ? last : undefined;
  if (options.steps.some((step) => 'talkUntilHangup' in step && step !== talking)) throw new Error('talkUntilHangup must be the last step');
  const body = options.steps
    .map((step) =>
      'pause' in step
        ? `  <pause milliseconds="${step.pause}"/>`
        : 'playPcap' in step
          ? `  <nop><action><exec play_pcap_audio="${step.playPcap}"/></action></nop>`
          : 'talkUntilHangup' in step
            ? `  <label id="7"/>\n  <nop><action><exec play_pcap_audio="${step.talkUntilHangup}"/></action></nop>\n  <recv request="BYE" timeout="${step.everyMs}" ontimeout="7"/>`
            : [...step.digits]
              .map((d) => `  <nop><action><exec play_pcap_audio="${dtmfCapture(d)}"/></action></nop>\n  <pause milliseconds="${step.gapMs ?? 400}"/>`)
              .join('\n'),
    )
    .join('\n');
  const hangup = talking ? answerBye : options.awaitHangup ? `  <recv request="BYE"/>\n${answerBye}` : byeAndOk(from);
  return wrap(`${invite}
  <recv response="180" optional="true"/>
  <recv response="200" rtd="true" rrs="true"/>
  <send>
    <![CDATA[
      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Caller" <sip:${from}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Contact: <sip:${from}@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
${body}
${hangup}`);
}

/** A scenario's answer to the BYE it just received (the desk hung up). */
export const answerBye = `  <send>
    <![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]>
  </send>`;

const byeAndOk = (from: string) => `  <send retrans="500">
    <![CDATA[
      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: "Caller" <sip:${from}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Contact: <sip:${from}@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200" crlf="true"/>`;

const wrap = (inner: string) => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="centralita caller">
${inner}
</scenario>
`;

export interface SippResult {
  code: number | null;
  stdout: string;
  stderr: string;
  errors: string;
}

// SIPp takes its SIP port and, from the media port (SIP port + 2), a few more for RTP and RTCP:
// each call gets ten ports of its own, between the desk's RTP ranges and the test phones' ports.
const sippPorts = { low: 21000, high: 26990 };
let nextPort = sippPorts.low + (process.pid % 500) * 10;

function udpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** A SIP port for a SIPp caller (its media port is this + 2) whose ports are free right now. */
export async function reserveSippPort(): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = nextPort;
    nextPort = nextPort + 10 > sippPorts.high ? sippPorts.low : nextPort + 10;
    const free = await Promise.all([0, 1, 2, 3, 4, 5].map((offset) => udpPortFree(port + offset)));
    if (free.every(Boolean)) return port;
  }
  throw new Error('no free ports for SIPp on 127.0.0.1');
}

/** Runs one SIPp call against the desk's SIP port; loopback only, bounded by `timeoutSeconds`. */
export async function runSippCall(
  sipPort: number,
  dialled: string,
  options: SippCallOptions,
  timeoutSeconds = 60,
  signal?: AbortSignal,
): Promise<SippResult> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-sipp-'));
  const scenario = join(dir, 'caller.xml');
  writeFileSync(scenario, buildCallerScenario(options));
  const localPort = options.localPort ?? (await reserveSippPort());
  const args = [
    '-sf', scenario, `127.0.0.1:${sipPort}`, '-s', dialled, '-m', '1', '-l', '1', '-i', '127.0.0.1', '-p', String(localPort),
    '-mp', String(localPort + 2), '-timeout', `${timeoutSeconds}s`, '-timeout_error', '-nostdin', '-bg', '-trace_err',
    '-error_file', join(dir, 'errors.log'),
  ];
  args.splice(args.indexOf('-bg'), 1);
  const child = spawn('sipp', args, { cwd: dir, signal });
  child.on('error', () => undefined);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const errorsFile = join(dir, 'errors.log');
  return { code, stdout, stderr, errors: existsSync(errorsFile) ? readFileSync(errorsFile, 'utf8') : '' };
}
