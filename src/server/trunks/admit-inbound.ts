import type { TrunkRow } from './trunk-repository.ts';

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export function ipInRange(ip: string, range: string): boolean {
  const [base, bits] = range.split('/');
  const address = ipv4ToInt(ip.replace(/^::ffff:/, ''));
  const network = ipv4ToInt(base ?? '');
  if (address === undefined || network === undefined) return false;
  const prefix = bits === undefined ? 32 : Number(bits);
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) === Math.floor(network / size);
}

export type Admission =
  | { kind: 'open' }
  | { kind: 'trunk'; trunk: TrunkRow }
  | { kind: 'credentials'; candidates: TrunkRow[] }
  | { kind: 'refused' };

/**
 * Who may call in. With no trunk configured the line is open (a newcomer's softphone can call
 * the demo at once); once trunks exist, a call must come from an allowed source or prove a
 * trunk's credentials by digest.
 */
export function admitInbound(trunks: readonly TrunkRow[], sourceIp: string): Admission {
  const enabled = trunks.filter((t) => t.enabled);
  if (trunks.length === 0) return { kind: 'open' };
  const bySource = enabled.find((t) => t.allowedSources.some((range) => ipInRange(sourceIp, range)));
  if (bySource) return { kind: 'trunk', trunk: bySource };
  const candidates = enabled.filter((t) => t.authUsername && (t.authHa1Md5 || t.authHa1Sha256));
  return candidates.length ? { kind: 'credentials', candidates } : { kind: 'refused' };
}
