import { randomBytes } from 'node:crypto';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import { computeHa1 } from '../telephony/sip/sip-digest.ts';
import { sipRealm } from '../trunks/manage-trunks.ts';
import type { SipAccountRepository } from './sip-account-repository.ts';

export interface SipAccountDeps {
  db: Database;
  sipAccounts: SipAccountRepository;
  clock: Clock;
}

/** 16 characters from an alphabet a person can type into a desk phone's menu without confusing 0/O or 1/l. */
export function generateSipPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * Gives an operator a SIP account: the extension doubles as the digest username, so a softphone needs only
 * extension, password and the desk's address. Only the HA1s are stored; the password is returned once.
 */
export async function saveSipAccount(deps: SipAccountDeps, input: { userId: string; extension: string; password: string }): Promise<void> {
  const username = input.extension;
  await deps.db.transaction((tx) =>
    deps.sipAccounts.saveAccount(
      tx,
      {
        userId: input.userId, extension: input.extension, username,
        ha1Md5: computeHa1('MD5', username, sipRealm, input.password),
        ha1Sha256: computeHa1('SHA-256', username, sipRealm, input.password),
      },
      deps.clock.now(),
    ),
  );
}

/** A new password for the operator's existing account (phones registered with the old one keep their binding until it expires). */
export async function rotateSipPassword(deps: SipAccountDeps, userId: string): Promise<{ password: string } | undefined> {
  const account = await deps.sipAccounts.findByUser(userId);
  if (!account) return undefined;
  const password = generateSipPassword();
  await saveSipAccount(deps, { userId, extension: account.extension, password });
  return { password };
}
