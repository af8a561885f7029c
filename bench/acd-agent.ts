// A loopback SIP phone for bench:acd: registers an operator's extension with digest (the desk's
// registrar), rings when invited (noting when the INVITE arrived), answers after a short delay,
// talks for a moment and hangs up, so the queue moves on. Built on the desk's own SIP parser,
// serialiser and digest client; no media is sent (the desk's RTP timeout is raised for the bench).
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { answerDigestChallenge, parseDigestHeader } from '../src/server/telephony/sip/sip-digest.ts';
import { findHeader, parseSipMessage, serializeSipMessage, type SipHeader, type SipRequest, type SipResponse } from '../src/server/telephony/sip/sip-message.ts';

export interface AgentOptions {
  extension: string;
  password: string;
  desk: { host: string; port: number };
  answerAfterMs: number;
  talkMs: number;
}

export interface BenchAgent {
  extension: string;
  /** Arrival times (Date.now) of each INVITE, in order. */
  invites: number[];
  register(): Promise<void>;
  close(): void;
}

const tag = () => randomBytes(6).toString('hex');
const branch = () => `z9hG4bK${randomBytes(8).toString('hex')}`;

export async function startBenchAgent(options: AgentOptions): Promise<BenchAgent> {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  const { extension } = options;
  const aor = `sip:${extension}@${options.desk.host}`;
  const contact = `<sip:${extension}@127.0.0.1:${port}>`;
  const invites: number[] = [];
  const waiters = new Map<string, (response: SipResponse) => void>();
  let cseq = 0;

  const send = (message: SipRequest | SipResponse) => socket.send(serializeSipMessage(message), options.desk.port, options.desk.host);
  const header = (name: string, value: string): SipHeader => ({ name, value });

  function request(method: string, uri: string, headers: SipHeader[], body = ''): Promise<SipResponse> {
    const callId = findHeader({ type: 'request', method, uri, headers, body }, 'Call-ID')!;
    const key = `${callId}:${method}`;
    const answer = new Promise<SipResponse>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${extension}: no final answer to ${method}`)), 10_000);
      waiters.set(key, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
    });
    send({ type: 'request', method, uri, headers: [header('Via', `SIP/2.0/UDP 127.0.0.1:${port};branch=${branch()};rport`), ...headers, header('Content-Length', String(Buffer.byteLength(body)))], body });
    return answer;
  }

  function reply(req: SipRequest, status: number, reason: string, extra: SipHeader[] = [], body = '', toTag?: string): void {
    const copied = req.headers.filter((h) => ['Via', 'From', 'Call-ID', 'CSeq'].includes(h.name));
    const to = findHeader(req, 'To')!;
    const headers = [...copied, header('To', toTag && !/;tag=/.test(to) ? `${to};tag=${toTag}` : to), ...extra, header('Content-Length', String(Buffer.byteLength(body)))];
    send({ type: 'response', status, reason, headers, body });
  }

  const answered = new Set<string>();
  function onInvite(invite: SipRequest): void {
    // A retransmitted INVITE is the same ring: only the first counts, the provisional answer is repeated.
    const callId = findHeader(invite, 'Call-ID') ?? '';
    if (answered.has(callId)) return;
    answered.add(callId);
    invites.push(Date.now());
    const localTag = tag();
    reply(invite, 180, 'Ringing', [header('Contact', contact)], '', localTag);
    setTimeout(() => {
      const sdp = ['v=0', `o=- 1 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port + 2} RTP/AVP 0 101`, 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', ''].join('\r\n');
      reply(invite, 200, 'OK', [header('Contact', contact), header('Content-Type', 'application/sdp')], sdp, localTag);
      setTimeout(() => hangUp(invite, localTag), options.talkMs);
    }, options.answerAfterMs);
  }

  function hangUp(invite: SipRequest, localTag: string): void {
    const remote = /<([^>]+)>/.exec(findHeader(invite, 'Contact') ?? '')?.[1] ?? invite.uri;
    const from = findHeader(invite, 'To')!;
    const to = findHeader(invite, 'From')!;
    void request('BYE', remote, [
      header('From', /;tag=/.test(from) ? from : `${from};tag=${localTag}`), header('To', to), header('Call-ID', findHeader(invite, 'Call-ID')!),
      header('CSeq', '1 BYE'), header('Max-Forwards', '70'),
    ]).catch(() => undefined);
  }

  socket.on('message', (bytes) => {
    const parsed = parseSipMessage(bytes);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === 'response') {
      if (message.status < 200) return;
      const method = (findHeader(message, 'CSeq') ?? '').split(' ')[1] ?? '';
      waiters.get(`${findHeader(message, 'Call-ID')}:${method}`)?.(message);
      return;
    }
    if (message.method === 'INVITE') onInvite(message);
    else if (message.method === 'ACK') return;
    else if (message.method === 'CANCEL') {
      reply(message, 200, 'OK');
    } else reply(message, 200, 'OK');
  });

  return {
    extension,
    invites,
    async register() {
      const callId = `${tag()}@bench-agent`;
      const base = (authorization?: string) => [
        header('From', `<${aor}>;tag=${tag()}`), header('To', `<${aor}>`), header('Call-ID', callId), header('CSeq', `${++cseq} REGISTER`),
        header('Contact', contact), header('Expires', '3600'), header('Max-Forwards', '70'),
        ...(authorization ? [header('Authorization', authorization)] : []),
      ];
      const uri = `sip:${options.desk.host}`;
      let answer = await request('REGISTER', uri, base());
      if (answer.status === 401) {
        const challenge = parseDigestHeader(findHeader(answer, 'WWW-Authenticate') ?? '');
        if (!challenge) throw new Error(`${extension}: unreadable challenge`);
        const authorization = answerDigestChallenge({ challenge, nonceCount: 0 }, { username: extension, password: options.password }, 'REGISTER', uri);
        answer = await request('REGISTER', uri, base(authorization));
      }
      if (answer.status !== 200) throw new Error(`${extension}: REGISTER answered ${answer.status} ${answer.reason}`);
    },
    close: () => socket.close(),
  };
}
