import { createHash, randomBytes } from 'node:crypto';

/** Only a digest of a bearer secret is stored, so a database leak does not hand out sessions. */
export const digestSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;
