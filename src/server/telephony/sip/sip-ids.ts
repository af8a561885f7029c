import { randomBytes } from 'node:crypto';

/** RFC 3261 8.1.1.7: the magic cookie tells peers the branch is globally unique, so they may key transactions on it. */
export const BRANCH_MAGIC_COOKIE = 'z9hG4bK';

export function newBranch(): string {
  return `${BRANCH_MAGIC_COOKIE}${randomBytes(10).toString('hex')}`;
}

/** Tags need only 32 bits of randomness (RFC 3261 19.3); 64 keeps collisions out of reach across restarts. */
export function newTag(): string {
  return randomBytes(8).toString('hex');
}

export function newCallId(): string {
  return randomBytes(16).toString('hex');
}
