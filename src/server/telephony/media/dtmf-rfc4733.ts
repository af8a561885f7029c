const EVENT_DIGITS = '0123456789*#ABCD';

export interface TelephoneEvent {
  /** 0-9 digits, 10 '*', 11 '#', 12-15 'A'-'D'; other codes are non-DTMF events. */
  event: number;
  end: boolean;
  /** Power level in -dBm0, 0-63. */
  volume: number;
  /** In RTP clock units since the event's timestamp. */
  duration: number;
}

/** The fields of an RTP packet the receiver needs; a parsed RtpPacket satisfies it. */
export interface TelephoneEventPacket {
  marker: boolean;
  timestamp: number;
  sequenceNumber: number;
  ssrc: number;
  payload: Uint8Array;
}

export interface ReceivedDigit {
  digit: string;
  ssrc: number;
  timestamp: number;
}

export interface DtmfReceiver {
  /** Returns the digit the first time a packet of a new event arrives, undefined for every other packet. */
  receive(packet: TelephoneEventPacket): ReceivedDigit | undefined;
}

export interface DtmfSendOptions {
  digit: string;
  durationMs: number;
  /** RTP timestamp of the event start, shared by all its packets (RFC 4733 2.5.1.1). */
  timestamp: number;
  volume?: number;
  clockRate?: number;
  packetIntervalMs?: number;
  endRepeats?: number;
}

export interface OutgoingTelephoneEvent {
  marker: boolean;
  timestamp: number;
  payload: Uint8Array;
  /** When to send it, relative to the first packet. */
  offsetMs: number;
}

export function eventCodeToDigit(code: number): string | undefined {
  return Number.isInteger(code) && code >= 0 && code < EVENT_DIGITS.length ? EVENT_DIGITS[code] : undefined;
}

export function digitToEventCode(digit: string): number | undefined {
  const code = digit.length === 1 ? EVENT_DIGITS.indexOf(digit.toUpperCase()) : -1;
  return code < 0 ? undefined : code;
}

export function decodeTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  const flags = payload[1] ?? 0;
  return {
    event: payload[0] ?? 0,
    end: (flags & 0x80) !== 0,
    volume: flags & 0x3f,
    duration: ((payload[2] ?? 0) << 8) | (payload[3] ?? 0),
  };
}

export function encodeTelephoneEvent(event: TelephoneEvent): Uint8Array {
  if (!Number.isInteger(event.event) || event.event < 0 || event.event > 255) throw new RangeError(`event ${event.event}`);
  if (!Number.isInteger(event.volume) || event.volume < 0 || event.volume > 63) throw new RangeError(`volume ${event.volume}`);
  if (!Number.isInteger(event.duration) || event.duration < 0 || event.duration > 0xffff) {
    throw new RangeError(`duration ${event.duration}`);
  }
  return Uint8Array.of(event.event, (event.end ? 0x80 : 0) | event.volume, event.duration >> 8, event.duration & 0xff);
}

interface EventState {
  ended: boolean;
}

/**
 * An event is identified by (SSRC, timestamp, code), not by sequence numbers: SIPp's captures restart the
 * sequence at an unrelated value for each digit, so ordering by sequence would drop whole digits. A marker
 * bit on an already-ended event is a new press from a sender that reuses its timestamp.
 */
export function createDtmfReceiver(options: { memory?: number } = {}): DtmfReceiver {
  const memory = options.memory ?? 32;
  const seen = new Map<string, EventState>();
  return {
    receive(packet) {
      const event = decodeTelephoneEvent(packet.payload);
      if (!event) return undefined;
      const digit = eventCodeToDigit(event.event);
      if (digit === undefined) return undefined;
      const key = `${packet.ssrc}:${packet.timestamp}:${event.event}`;
      const known = seen.get(key);
      if (known && !(packet.marker && known.ended)) {
        if (event.end) known.ended = true;
        return undefined;
      }
      seen.delete(key);
      seen.set(key, { ended: event.end });
      if (seen.size > memory) {
        const oldest = seen.keys().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return { digit, ssrc: packet.ssrc, timestamp: packet.timestamp };
    },
  };
}

/** Packets for one digit: a marked start, updates every interval, then the end packet repeated for loss tolerance. */
export function buildDtmfPackets(options: DtmfSendOptions): OutgoingTelephoneEvent[] {
  const code = digitToEventCode(options.digit);
  if (code === undefined) throw new RangeError(`not a DTMF digit: ${JSON.stringify(options.digit)}`);
  const clockRate = options.clockRate ?? 8000;
  const interval = options.packetIntervalMs ?? 20;
  const endRepeats = options.endRepeats ?? 3;
  const volume = options.volume ?? 10;
  const total = Math.round((options.durationMs * clockRate) / 1000);
  const step = Math.round((interval * clockRate) / 1000);
  if (total <= 0 || total > 0xffff) throw new RangeError(`DTMF duration ${options.durationMs} ms does not fit one event`);
  if (step <= 0 || endRepeats < 1) throw new RangeError('packet interval and end repeats must be positive');
  const progressCount = Math.ceil(total / step) - 1;
  const packets: OutgoingTelephoneEvent[] = [];
  for (let i = 0; i < progressCount; i++) {
    packets.push({
      marker: i === 0,
      timestamp: options.timestamp,
      payload: encodeTelephoneEvent({ event: code, end: false, volume, duration: (i + 1) * step }),
      offsetMs: i * interval,
    });
  }
  for (let i = 0; i < endRepeats; i++) {
    packets.push({
      marker: packets.length === 0,
      timestamp: options.timestamp,
      payload: encodeTelephoneEvent({ event: code, end: true, volume, duration: total }),
      offsetMs: (progressCount + i) * interval,
    });
  }
  return packets;
}
