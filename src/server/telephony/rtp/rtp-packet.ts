export interface RtpHeaderExtension {
  profile: number;
  /** Length is a multiple of 4 bytes (the header counts it in 32-bit words). */
  data: Uint8Array;
}

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension?: RtpHeaderExtension;
  /** A view on the parsed buffer, not a copy: copy it before the buffer is reused. */
  payload: Uint8Array;
  /** Padding bytes after the payload, including the count byte; 0 when the P bit is clear. */
  paddingLength: number;
}

export type RtpParseFailure =
  | 'too-short'
  | 'bad-version'
  | 'truncated-csrc'
  | 'truncated-extension'
  | 'bad-padding'
  | 'rtcp-packet';

export type RtpParseResult = { ok: true; packet: RtpPacket } | { ok: false; reason: RtpParseFailure };

const HEADER_BYTES = 12;

/** Parses an RTP packet (RFC 3550 5.1); never throws. */
export function parseRtpPacket(data: Uint8Array): RtpParseResult {
  if (data.length < HEADER_BYTES) return { ok: false, reason: 'too-short' };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const first = view.getUint8(0);
  const second = view.getUint8(1);
  if (first >> 6 !== 2) return { ok: false, reason: 'bad-version' };
  const payloadType = second & 0x7f;
  // RTCP on a muxed port (RFC 5761) lands on PT 72-76 once the marker bit is folded in.
  if (payloadType >= 72 && payloadType <= 76) return { ok: false, reason: 'rtcp-packet' };
  const hasPadding = (first & 0x20) !== 0;
  const hasExtension = (first & 0x10) !== 0;
  const csrcCount = first & 0x0f;
  let offset = HEADER_BYTES + csrcCount * 4;
  if (data.length < offset) return { ok: false, reason: 'truncated-csrc' };
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++) csrcs.push(view.getUint32(HEADER_BYTES + i * 4));
  let extension: RtpHeaderExtension | undefined;
  if (hasExtension) {
    if (data.length < offset + 4) return { ok: false, reason: 'truncated-extension' };
    const profile = view.getUint16(offset);
    const length = view.getUint16(offset + 2) * 4;
    if (data.length < offset + 4 + length) return { ok: false, reason: 'truncated-extension' };
    extension = { profile, data: data.subarray(offset + 4, offset + 4 + length) };
    offset += 4 + length;
  }
  let end = data.length;
  let paddingLength = 0;
  if (hasPadding) {
    paddingLength = data[data.length - 1] ?? 0;
    if (paddingLength === 0 || paddingLength > data.length - offset) return { ok: false, reason: 'bad-padding' };
    end -= paddingLength;
  }
  const packet: RtpPacket = {
    marker: (second & 0x80) !== 0,
    payloadType,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    csrcs,
    payload: data.subarray(offset, end),
    paddingLength,
  };
  if (extension) packet.extension = extension;
  return { ok: true, packet };
}

function checkField(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`RTP ${name} out of range: ${value}`);
}

/** Serialises a packet; throws RangeError on out-of-range fields, which are programming errors rather than input. */
export function serializeRtpPacket(packet: RtpPacket): Uint8Array {
  checkField('payload type', packet.payloadType, 127);
  checkField('sequence number', packet.sequenceNumber, 0xffff);
  checkField('timestamp', packet.timestamp, 0xffffffff);
  checkField('SSRC', packet.ssrc, 0xffffffff);
  checkField('padding length', packet.paddingLength, 255);
  if (packet.csrcs.length > 15) throw new RangeError('RTP allows at most 15 CSRCs');
  for (const csrc of packet.csrcs) checkField('CSRC', csrc, 0xffffffff);
  const extensionLength = packet.extension ? 4 + packet.extension.data.length : 0;
  if (packet.extension && (packet.extension.data.length % 4 !== 0 || packet.extension.data.length > 0xffff * 4)) {
    throw new RangeError('RTP header extension length must be a multiple of 4 bytes');
  }
  if (packet.extension) checkField('extension profile', packet.extension.profile, 0xffff);
  const headerLength = HEADER_BYTES + packet.csrcs.length * 4 + extensionLength;
  const out = new Uint8Array(headerLength + packet.payload.length + packet.paddingLength);
  const view = new DataView(out.buffer);
  view.setUint8(
    0,
    0x80 | (packet.paddingLength > 0 ? 0x20 : 0) | (packet.extension ? 0x10 : 0) | packet.csrcs.length,
  );
  view.setUint8(1, (packet.marker ? 0x80 : 0) | packet.payloadType);
  view.setUint16(2, packet.sequenceNumber);
  view.setUint32(4, packet.timestamp);
  view.setUint32(8, packet.ssrc);
  packet.csrcs.forEach((csrc, i) => view.setUint32(HEADER_BYTES + i * 4, csrc));
  let offset = HEADER_BYTES + packet.csrcs.length * 4;
  if (packet.extension) {
    view.setUint16(offset, packet.extension.profile);
    view.setUint16(offset + 2, packet.extension.data.length / 4);
    out.set(packet.extension.data, offset + 4);
    offset += extensionLength;
  }
  out.set(packet.payload, offset);
  if (packet.paddingLength > 0) out[out.length - 1] = packet.paddingLength;
  return out;
}
