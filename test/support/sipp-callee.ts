import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerBye } from './sipp.ts';

/**
 * A SIPp answerer standing for a provider's network and the customer's phone behind it: it takes
 * one INVITE, rings, answers in A-law, plays a recorded voice, and waits for the desk's BYE.
 */
function calleeScenario(): string {
  const reply = (status: string, extra = '', body = '') => `  <send${status.startsWith('200') ? ' retrans="500"' : ''}>
    <![CDATA[
      SIP/2.0 ${status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:customer@[local_ip]:[local_port];transport=[transport]>
${extra}      Content-Length: ${body ? '[len]' : '0'}

${body}
    ]]>
  </send>`;
  const sdp = `      v=0
      o=customer 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 8
      a=rtpmap:8 PCMA/8000
      a=ptime:20`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="centralita customer behind a trunk">
  <recv request="INVITE" crlf="true"/>
${reply('180 Ringing')}
  <pause milliseconds="400"/>
${reply('200 OK', '      Content-Type: application/sdp\n', sdp)}
  <recv request="ACK" crlf="true"/>
  <nop><action><exec play_pcap_audio="/usr/share/sip-tester/g711a.pcap"/></action></nop>
  <recv request="BYE"/>
${answerBye}
</scenario>
`;
}

export interface SippCallee {
  /** The SIP port the answerer listens on (its media port is this + 2). */
  port: number;
  /** Ends once the call is over (or the time is up): SIPp's exit code and the messages it received. */
  done: Promise<{ code: number | null; messages: string; errors: string }>;
  stop(): void;
}

/** Starts the answerer on 127.0.0.1:`port`, bounded by `timeoutSeconds`. */
export function startSippCallee(port: number, timeoutSeconds: number): SippCallee {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-callee-'));
  writeFileSync(join(dir, 'callee.xml'), calleeScenario());
  const messageFile = join(dir, 'messages.log');
  const errorFile = join(dir, 'errors.log');
  const child = spawn('sipp', [
    '-sf', join(dir, 'callee.xml'), '-i', '127.0.0.1', '-p', String(port), '-mp', String(port + 2), '-m', '1',
    '-timeout', `${timeoutSeconds}s`, '-timeout_error', '-nostdin', '-trace_msg', '-message_file', messageFile, '-trace_err', '-error_file', errorFile,
  ], { cwd: dir });
  child.on('error', () => undefined);
  child.stdout.resume();
  child.stderr.resume();
  const done = new Promise<number | null>((resolve) => child.on('exit', resolve)).then((code) => ({
    code,
    messages: existsSync(messageFile) ? readFileSync(messageFile, 'utf8') : '',
    errors: existsSync(errorFile) ? readFileSync(errorFile, 'utf8') : '',
  }));
  return {
    port,
    done,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
