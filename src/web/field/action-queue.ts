import type { TFieldAction } from '../../shared/api/field.ts';

const storageKey = 'centralita.field.actions.v1';

/**
 * Actions the technician took, kept on the phone until the desk confirms them. localStorage is
 * enough here: a handful of small JSON actions, written synchronously before anything is sent,
 * so a closed tab or a dead battery loses nothing that was tapped.
 */
export function loadQueue(storage: Storage = localStorage): TFieldAction[] {
  try {
    const parsed = JSON.parse(storage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as TFieldAction[]) : [];
  } catch {
    return [];
  }
}

export function saveQueue(actions: readonly TFieldAction[], storage: Storage = localStorage): void {
  storage.setItem(storageKey, JSON.stringify(actions));
}

export function newActionId(): string {
  return crypto.randomUUID();
}
