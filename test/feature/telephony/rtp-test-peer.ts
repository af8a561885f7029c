import { createSocket, type Socket } from 'node:dgram';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from '../../../src/server/telephony/rtp/rtp-packet.ts';

export interface ReceivedRtp {
  packet: RtpPacket;
  atMs: number;
  from: { address: string; port: number };
}

/** A UDP socket standing in for the far end of a call: records what it receives and sends RTP on demand. */
export interface RtpTestPeer {
  readonly socket: Socket;
  readonly address: string;
  readonly port: number;
  readonly received: ReceivedRtp[];
  sendRaw(bytes: Uint8Array, port: number, address?: string): Promise<void>;
  sendRtp(port: number, fields: Partial<RtpPacket> & { payload: Uint8Array }): Promise<void>;
  close(): void;
}

export async function openTestPeer(address = '127.0.0.1'): Promise<RtpTestPeer> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const received: ReceivedRtp[] = [];
  socket.on('message', (data, remote) => {
    const parsed = parseRtpPacket(data);
    if (parsed.ok) received.push({ packet: parsed.packet, atMs: performance.now(), from: { address: remote.address, port: remote.port } });
  });
  let sequence = 1000;
  let timestamp = 50_000;
  const sendRaw = (bytes: Uint8Array, port: number, to = '127.0.0.1'): Promise<void> =>
    new Promise((resolve, reject) => socket.send(bytes, port, to, (error) => (error ? reject(error) : resolve())));
  return {
    socket,
    address,
    port: socket.address().port,
    received,
    sendRaw,
    sendRtp(port, fields) {
      const packet: RtpPacket = {
        marker: false,
        payloadType: 0,
        sequenceNumber: sequence,
        timestamp,
        ssrc: 0x1234abcd,
        csrcs: [],
        paddingLength: 0,
        ...fields,
      };
      sequence = (packet.sequenceNumber + 1) & 0xffff;
      timestamp = (packet.timestamp + 160) >>> 0;
      return sendRaw(serializeRtpPacket(packet), port);
    },
    close: () => socket.close(),
  };
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
