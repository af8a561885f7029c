export const caseStatuses = [
  'new',
  'dispatched',
  'accepted',
  'en_route',
  'on_site',
  'resolved',
  'closed',
  'cancelled',
  'reopened',
] as const;
export type TCaseStatus = (typeof caseStatuses)[number];

/** The one table of legal moves; the desk refuses anything else. */
export const caseTransitions: Readonly<Record<TCaseStatus, readonly TCaseStatus[]>> = {
  new: ['dispatched', 'resolved', 'cancelled'],
  dispatched: ['accepted', 'new', 'cancelled'],
  accepted: ['en_route', 'dispatched', 'cancelled'],
  en_route: ['on_site', 'dispatched', 'cancelled'],
  on_site: ['resolved', 'dispatched'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  cancelled: ['reopened'],
  reopened: ['dispatched', 'resolved', 'cancelled'],
};

/** A case is open until it is closed or cancelled; a resolved case still awaits its closure. */
export const closedStatuses: readonly TCaseStatus[] = ['closed', 'cancelled'];

export function canTransition(from: TCaseStatus, to: TCaseStatus): boolean {
  return caseTransitions[from].includes(to);
}

export function isOpenStatus(status: TCaseStatus): boolean {
  return !closedStatuses.includes(status);
}
