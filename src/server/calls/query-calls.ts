import { ZCallQuery } from '../../shared/api/calls.ts';
import { requirePermission, requireTenant, tenantScope, type Principal } from '../auth/principal.ts';
import { phonesForSearch } from '../phones/phones-for-search.ts';
import { decodeCursor, encodeCursor } from '../platform/keyset-cursor.ts';
import { notFound } from '../platform/errors.ts';
import { isUuid, parseInput } from '../platform/validation.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import { toCall, type CallRepository } from './call-repository.ts';
import { writeWav } from '../telephony/media/wav.ts';
import { decodeALaw, decodeMuLaw } from '../telephony/media/g711.ts';

export interface CallQueryDeps {
  calls: CallRepository;
  tenants: TenantRepository;
}

export async function getCall(deps: CallQueryDeps, actor: Principal, id: string) {
  requirePermission(actor, 'call.read');
  const row = isUuid(id) ? await deps.calls.findCall(id) : undefined;
  if (!row) throw notFound('call');
  requireTenant(actor, row.tenantId, 'call');
  return toCall(row);
}

const toAfter = ({ at, id }: { at: Date; id: string }) => ({ startedAt: at, id });

export async function listCalls(deps: CallQueryDeps, actor: Principal, input: unknown) {
  const query = parseInput(ZCallQuery, input, 'query');
  requirePermission(actor, 'call.read');
  if (query.tenant) requireTenant(actor, query.tenant);
  let phones: string[] | undefined;
  if (query.phone) {
    const tenants = query.tenant ? [await deps.tenants.findTenant(query.tenant)] : await deps.tenants.listTenants(tenantScope(actor));
    phones = phonesForSearch(query.phone, tenants.flatMap((t) => (t ? [t.country] : [])));
  }
  const rows = await deps.calls.listCalls({
    scope: tenantScope(actor), tenantId: query.tenant, caseId: query.case, phones, outcome: query.outcome,
    from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined,
    after: query.cursor ? toAfter(decodeCursor(query.cursor)) : undefined, limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toCall), nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.startedAt, page.at(-1)!.id) : null };
}

/** A recording as a WAV file any browser plays. */
export async function getRecordingWav(deps: CallQueryDeps, actor: Principal, id: string): Promise<Uint8Array> {
  requirePermission(actor, 'call.read');
  const row = isUuid(id) ? await deps.calls.findRecording(id) : undefined;
  if (!row) throw notFound('recording');
  requireTenant(actor, row.tenantId, 'recording');
  const audio = new Uint8Array(row.audio);
  const pcm =
    row.encoding === 'pcmu' ? decodeMuLaw(audio) : row.encoding === 'pcma' ? decodeALaw(audio) : new Int16Array(audio.buffer, audio.byteOffset, audio.byteLength / 2);
  return writeWav(pcm, row.sampleRate);
}
