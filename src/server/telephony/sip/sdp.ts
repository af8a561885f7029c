export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface SdpConnection {
  addressType: 'IP4' | 'IP6';
  address: string;
}

export interface SdpRtpMap {
  encoding: string;
  clockRate: number;
  channels?: number;
}

export interface SdpMedia {
  type: string;
  port: number;
  protocol: string;
  /** Payload type numbers in preference order, as listed on the m= line. */
  formats: number[];
  connection?: SdpConnection;
  rtpmaps: Map<number, SdpRtpMap>;
  fmtps: Map<number, string>;
  ptime?: number;
  direction?: SdpDirection;
}

export interface SdpSession {
  origin: { username: string; sessionId: string; sessionVersion: string; connection: SdpConnection };
  sessionName: string;
  connection?: SdpConnection;
  direction?: SdpDirection;
  media: SdpMedia[];
}

export type SdpFailure =
  | 'empty'
  | 'invalid-line'
  | 'missing-version'
  | 'missing-origin'
  | 'invalid-origin'
  | 'invalid-connection'
  | 'invalid-media'
  | 'invalid-attribute'
  | 'missing-connection'
  | 'no-audio'
  | 'no-common-codec';

export type SdpResult<T> = { ok: true; value: T } | { ok: false; reason: SdpFailure; detail: string };

export interface AudioCodec {
  payloadType: number;
  name: 'PCMU' | 'PCMA';
}

export interface AudioNegotiation {
  remoteAddress: string;
  remotePort: number;
  codec: AudioCodec;
  /** The offer's telephone-event/8000 payload type; the answer must reuse it (RFC 3264). */
  telephoneEventPayloadType?: number;
  ptime?: number;
  /** Our direction in the answer, mirrored from the offer's. */
  direction: SdpDirection;
}

export interface BuildSdpOptions {
  address: string;
  port: number;
  sessionId: string;
  sessionVersion: string;
  codecs: AudioCodec[];
  telephoneEventPayloadType?: number;
  ptime?: number;
  direction?: SdpDirection;
  sessionName?: string;
}

const DIRECTIONS: ReadonlySet<string> = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);
const IP4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IP6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const STATIC_CODECS: ReadonlyMap<number, AudioCodec['name']> = new Map([
  [0, 'PCMU'],
  [8, 'PCMA'],
]);

function fail<T>(reason: SdpFailure, detail: string): SdpResult<T> {
  return { ok: false, reason, detail };
}

function parseConnection(fields: string[]): SdpConnection | undefined {
  const [netType, addressType, rawAddress] = fields;
  if (fields.length !== 3 || netType !== 'IN' || rawAddress === undefined) return undefined;
  // Multicast TTL suffixes ("/127") are irrelevant to unicast telephony peers.
  const address = rawAddress.split('/')[0] ?? '';
  // RFC 4566 allows a host name, but an all-numeric one is a malformed IPv4 address.
  const isIp4 = /^[\d.]+$/.test(address) ? IP4.test(address) : HOST_NAME.test(address);
  if (addressType === 'IP4' && isIp4) return { addressType, address };
  if (addressType === 'IP6' && IP6.test(address)) return { addressType, address };
  return undefined;
}

/** Parses SDP text (RFC 4566); tolerant of LF-only line ends and unknown lines, strict on what audio setup needs. */
export function parseSdp(text: string): SdpResult<SdpSession> {
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  if (lines.length === 0) return fail('empty', 'no SDP lines');
  if (lines[0] !== 'v=0') return fail('missing-version', 'first line must be v=0');
  let origin: SdpSession['origin'] | undefined;
  let sessionName = '';
  let sessionConnection: SdpConnection | undefined;
  let sessionDirection: SdpDirection | undefined;
  const media: SdpMedia[] = [];
  for (const line of lines.slice(1)) {
    const match = /^([a-z])=(.*)$/.exec(line);
    if (!match || match[1] === undefined || match[2] === undefined) return fail('invalid-line', JSON.stringify(line.slice(0, 60)));
    const [key, value] = [match[1], match[2]];
    const current = media[media.length - 1];
    if (key === 'o') {
      const fields = value.split(' ');
      const connection = parseConnection(fields.slice(3));
      if (fields.length !== 6 || !connection || !/^\d+$/.test(fields[1] ?? '') || !/^\d+$/.test(fields[2] ?? '')) {
        return fail('invalid-origin', JSON.stringify(value.slice(0, 60)));
      }
      origin = { username: fields[0] ?? '-', sessionId: fields[1] ?? '', sessionVersion: fields[2] ?? '', connection };
    } else if (key === 's') {
      sessionName = value;
    } else if (key === 'c') {
      const connection = parseConnection(value.split(' '));
      if (!connection) return fail('invalid-connection', JSON.stringify(value.slice(0, 60)));
      if (current) current.connection = connection;
      else sessionConnection = connection;
    } else if (key === 'm') {
      const fields = value.split(' ');
      const [type, portText, protocol] = fields;
      const port = Number((portText ?? '').split('/')[0]);
      const formatTexts = fields.slice(3);
      const isRtp = (protocol ?? '').startsWith('RTP/');
      if (
        type === undefined || protocol === undefined || fields.length < 4 ||
        !/^\d{1,5}(\/\d+)?$/.test(portText ?? '') || port > 65535 ||
        (isRtp && formatTexts.some((f) => !/^\d{1,3}$/.test(f) || Number(f) > 127))
      ) {
        return fail('invalid-media', JSON.stringify(value.slice(0, 60)));
      }
      media.push({ type, port, protocol, formats: isRtp ? formatTexts.map(Number) : [], rtpmaps: new Map(), fmtps: new Map() });
    } else if (key === 'a') {
      const problem = applyAttribute(value, current);
      if (problem) return fail('invalid-attribute', problem);
      if (!current && DIRECTIONS.has(value)) sessionDirection = value as SdpDirection;
    }
  }
  if (!origin) return fail('missing-origin', 'no o= line');
  for (const m of media) {
    if (!m.connection && !sessionConnection && m.port !== 0) return fail('missing-connection', `no c= line for ${m.type}`);
  }
  const session: SdpSession = { origin, sessionName, media };
  if (sessionConnection) session.connection = sessionConnection;
  if (sessionDirection) session.direction = sessionDirection;
  return { ok: true, value: session };
}

function applyAttribute(value: string, media: SdpMedia | undefined): string | undefined {
  if (!media) return undefined;
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  const rest = colon < 0 ? '' : value.slice(colon + 1);
  if (DIRECTIONS.has(name) && colon < 0) {
    media.direction = name as SdpDirection;
  } else if (name === 'rtpmap') {
    const match = /^(\d{1,3}) ([^/\s]+)\/(\d+)(?:\/(\d+))?$/.exec(rest.trim());
    if (!match || match[1] === undefined || match[2] === undefined || match[3] === undefined) return `rtpmap ${JSON.stringify(rest.slice(0, 60))}`;
    const map: SdpRtpMap = { encoding: match[2], clockRate: Number(match[3]) };
    if (match[4] !== undefined) map.channels = Number(match[4]);
    media.rtpmaps.set(Number(match[1]), map);
  } else if (name === 'fmtp') {
    const match = /^(\d{1,3}) (.*)$/.exec(rest.trim());
    if (match && match[1] !== undefined && match[2] !== undefined) media.fmtps.set(Number(match[1]), match[2]);
  } else if (name === 'ptime') {
    const ptime = Number(rest.trim());
    if (!/^\d+(\.\d+)?$/.test(rest.trim()) || ptime <= 0 || ptime > 1000) return `ptime ${JSON.stringify(rest.slice(0, 20))}`;
    media.ptime = ptime;
  }
  return undefined;
}

function codecName(media: SdpMedia, payloadType: number): string | undefined {
  const map = media.rtpmaps.get(payloadType);
  if (map) return `${map.encoding.toUpperCase()}/${map.clockRate}`;
  const name = STATIC_CODECS.get(payloadType);
  return name === undefined ? undefined : `${name}/8000`;
}

const ANSWER_DIRECTION: Readonly<Record<SdpDirection, SdpDirection>> = {
  sendrecv: 'sendrecv',
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  inactive: 'inactive',
};

/** Picks PCMU, else PCMA, from the first usable audio stream of an offer, and notes its telephone-event type. */
export function negotiateAudio(offer: SdpSession): SdpResult<AudioNegotiation> {
  const audio = offer.media.find((m) => m.type === 'audio' && m.port !== 0 && /^RTP\/AVPF?$/.test(m.protocol));
  if (!audio) return fail('no-audio', 'no active RTP/AVP audio stream in the offer');
  const connection = audio.connection ?? offer.connection;
  if (!connection) return fail('missing-connection', 'audio stream has no connection address');
  let codec: AudioCodec | undefined;
  for (const preferred of ['PCMU', 'PCMA'] as const) {
    const payloadType = audio.formats.find((pt) => codecName(audio, pt) === `${preferred}/8000`);
    if (payloadType !== undefined) {
      codec = { payloadType, name: preferred };
      break;
    }
  }
  if (!codec) return fail('no-common-codec', `offered formats ${audio.formats.join(' ')}`);
  const result: AudioNegotiation = {
    remoteAddress: connection.address,
    remotePort: audio.port,
    codec,
    direction: ANSWER_DIRECTION[audio.direction ?? offer.direction ?? 'sendrecv'],
  };
  const telephoneEvent = audio.formats.find((pt) => codecName(audio, pt) === 'TELEPHONE-EVENT/8000');
  if (telephoneEvent !== undefined) result.telephoneEventPayloadType = telephoneEvent;
  if (audio.ptime !== undefined) result.ptime = audio.ptime;
  return result.remoteAddress === '0.0.0.0' ? { ok: true, value: { ...result, direction: 'inactive' } } : { ok: true, value: result };
}

/** Builds an audio-only offer or answer with CRLF line ends. */
export function buildSdp(options: BuildSdpOptions): string {
  if (options.codecs.length === 0) throw new RangeError('SDP needs at least one codec');
  const addressType = options.address.includes(':') ? 'IP6' : 'IP4';
  const payloadTypes = options.codecs.map((c) => c.payloadType);
  if (options.telephoneEventPayloadType !== undefined) payloadTypes.push(options.telephoneEventPayloadType);
  const lines = [
    'v=0',
    `o=- ${options.sessionId} ${options.sessionVersion} IN ${addressType} ${options.address}`,
    `s=${options.sessionName ?? 'centralita'}`,
    `c=IN ${addressType} ${options.address}`,
    't=0 0',
    `m=audio ${options.port} RTP/AVP ${payloadTypes.join(' ')}`,
    ...options.codecs.map((c) => `a=rtpmap:${c.payloadType} ${c.name}/8000`),
  ];
  if (options.telephoneEventPayloadType !== undefined) {
    lines.push(`a=rtpmap:${options.telephoneEventPayloadType} telephone-event/8000`);
    lines.push(`a=fmtp:${options.telephoneEventPayloadType} 0-15`);
  }
  lines.push(`a=ptime:${options.ptime ?? 20}`, `a=${options.direction ?? 'sendrecv'}`);
  if (lines.some((line) => /[\r\n]/.test(line))) throw new RangeError('SDP field contains a line break');
  return `${lines.join('\r\n')}\r\n`;
}
