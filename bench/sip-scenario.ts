// The SIPp caller scenario of bench:sip. It differs from test/support/sipp.ts in two ways that
// the media measurement depends on: the SDP names the bench's RTP receiver as the caller's media
// address, and digits go as SIP INFO (dtmf-relay) rather than RTP, because a single RTP packet
// from SIPp would make the desk latch its media onto SIPp instead of the receiver.

export interface BenchScenarioOptions {
  /** Where every call's RTP from the desk must go: the receiver's socket. */
  mediaAddress: string;
  mediaPort: number;
  holdSeconds: number;
  callerId?: string;
}

/** Greeting, then `2` (case status), then a partial reference, then silence while prompts keep playing. */
export const BENCH_DIGITS = { menu: '2', reference: '123' } as const;
const GREETING_MS = 2000;
const AFTER_MENU_MS = 1500;
const DIGIT_GAP_MS = 300;

const from = (callerId: string) => `"Caller" <sip:${callerId}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]`;

/** An in-dialog request: the route set and remote target come from the 200 (rrs), the To tag from [peer_tag_param]. */
function inDialog(method: string, cseq: number, callerId: string, extraHeaders: string[] = [], body = ''): string {
  const headers = [
    `${method} [next_url] SIP/2.0`,
    'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    `From: ${from(callerId)}`,
    'To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]',
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ${method}`,
    `Contact: <sip:${callerId}@[local_ip]:[local_port]>`,
    'Max-Forwards: 70',
    ...extraHeaders,
    body ? 'Content-Length: [len]' : 'Content-Length: 0',
  ];
  // ACK has no response, so it is never retransmitted by the sender (RFC 3261 17.1.1.1).
  const retrans = method === 'ACK' ? '' : ' retrans="500"';
  return `  <send${retrans}>\n    <![CDATA[\n${[...headers, '', body].map((l) => `      ${l}`).join('\n')}\n    ]]>\n  </send>`;
}

function infoDigit(digit: string, cseq: number, callerId: string): string {
  // Duration in ms, as Cisco's dtmf-relay carries it; the desk reads Signal= only.
  const info = inDialog('INFO', cseq, callerId, ['Content-Type: application/dtmf-relay'], `Signal=${digit}\nDuration=160\n`);
  return `${info}\n  <recv response="200"/>`;
}

export function buildBenchScenario(options: BenchScenarioOptions): string {
  const callerId = options.callerId ?? '+34612345678';
  const { mediaAddress, mediaPort } = options;
  const invite = `  <send retrans="500" start_rtd="answer">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from(callerId)}
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:${callerId}@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 53655765 2353687637 IN IP4 ${mediaAddress}
      s=-
      c=IN IP4 ${mediaAddress}
      t=0 0
      m=audio ${mediaPort} RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=ptime:20
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rtd="answer" rrs="true"/>`;

  let cseq = 1;
  const steps: string[] = [invite, inDialog('ACK', 1, callerId), `  <pause milliseconds="${GREETING_MS}"/>`];
  steps.push(infoDigit(BENCH_DIGITS.menu, ++cseq, callerId), `  <pause milliseconds="${AFTER_MENU_MS}"/>`);
  for (const digit of BENCH_DIGITS.reference) {
    steps.push(infoDigit(digit, ++cseq, callerId), `  <pause milliseconds="${DIGIT_GAP_MS}"/>`);
  }
  steps.push(`  <pause milliseconds="${Math.round(options.holdSeconds * 1000)}"/>`);
  steps.push(inDialog('BYE', ++cseq, callerId), '  <recv response="200" crlf="true"/>');

  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="centralita bench caller">
${steps.join('\n')}
  <ResponseTimeRepartition value="100, 200, 300, 400, 500, 600, 800, 1000, 2000, 5000"/>
  <CallLengthRepartition value="10000, 20000, 30000, 60000"/>
</scenario>
`;
}

/** Seconds one call lasts on the caller's side, without network and answer time. */
export function scriptedCallSeconds(holdSeconds: number): number {
  return (GREETING_MS + AFTER_MENU_MS + BENCH_DIGITS.reference.length * DIGIT_GAP_MS) / 1000 + holdSeconds;
}
