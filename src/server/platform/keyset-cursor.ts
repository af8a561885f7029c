import { AppError } from './errors.ts';
import { isUuid } from './validation.ts';

/** Opaque "next page" cursors for lists ordered by (time desc, id desc). */
export const encodeCursor = (at: Date, id: string): string => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [text, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(text ?? '');
  if (!isUuid(id) || Number.isNaN(at.getTime())) {
    throw new AppError('validation_failed', 'cursor: not a cursor this server gave out', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
  return { at, id };
}
