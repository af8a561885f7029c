import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CapturedRtp {
  payloadType: number;
  payload: Buffer;
}

/**
 * What really reached a UDP port on loopback, captured by tcpdump (a peer such as SIPp cannot tell us what
 * it received), parsed from the pcap file into RTP payloads.
 */
export async function startRtpCapture(port: number) {
  if (spawnSync('tcpdump', ['--version']).status !== 0) throw new Error('tcpdump is missing: apt-get install tcpdump');
  const file = join(mkdtempSync(join(tmpdir(), 'centralita-capture-')), 'rtp.pcap');
  const child = spawn('tcpdump', ['-i', 'lo', '-U', '-n', '-w', file, 'udp', 'and', 'dst', 'port', String(port)]);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // tcpdump says "listening on lo" once the capture runs; before that packets would be missed.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tcpdump did not start: ${stderr}`)), 5000);
    child.stderr.on('data', () => {
      if (/listening on/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`tcpdump exited with ${code}: ${stderr}`)));
  });
  let stopped: Promise<CapturedRtp[]> | undefined;
  return {
    /** Ends the capture and reads it; safe to call again (a test's clean-up calls it after a failure). */
    stop(): Promise<CapturedRtp[]> {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGINT');
          await exited;
        }
        return parsePcapRtp(readFileSync(file));
      })();
      return stopped;
    },
  };
}

/** Classic pcap (microsecond, little-endian) with Ethernet framing, as tcpdump writes for `lo`. */
function parsePcapRtp(data: Buffer): CapturedRtp[] {
  if (data.length < 24 || data.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error('not a little-endian pcap file');
  const linkType = data.readUInt32LE(20);
  const linkHeader = linkType === 1 ? 14 : linkType === 113 ? 16 : linkType === 276 ? 20 : 0;
  const packets: CapturedRtp[] = [];
  let offset = 24;
  while (offset + 16 <= data.length) {
    const length = data.readUInt32LE(offset + 8);
    const frame = data.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    const ip = frame.subarray(linkHeader);
    if (ip.length < 28 || ip[0]! >> 4 !== 4) continue;
    const udp = ip.subarray((ip[0]! & 0x0f) * 4);
    const rtp = udp.subarray(8);
    if (rtp.length < 12 || rtp[0]! >> 6 !== 2) continue;
    const headerLength = 12 + (rtp[0]! & 0x0f) * 4;
    packets.push({ payloadType: rtp[1]! & 0x7f, payload: rtp.subarray(headerLength) });
  }
  return packets;
}
