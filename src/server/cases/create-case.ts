import type { z } from 'zod';
import { ZCreateCase, type TCreateCaseResult } from '../../shared/api/cases.ts';
import { requirePermission, requireTenant } from '../auth/principal.ts';
import { createCustomerRepository, type CustomerRepository, type CustomerRow } from '../customers/customer-repository.ts';
import { AppError, invalidField, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { normalisePhone } from '../phones/normalise-phone.ts';
import { isAutomated, timelineActor, type CaseActor } from './case-access.ts';
import type { CaseDeps } from './case-deps.ts';
import { createCaseRepository, toCase, type CaseRow, type NewCase } from './case-repository.ts';
import { findDuplicate } from './duplicate-guard.ts';
import { applianceTypeOf, priorityOf, validateIntake } from './validate-intake.ts';

type Input = z.input<typeof ZCreateCase>;

/**
 * Opens a case — unless the same order is already open, in which case that case is returned
 * and the attempt lands on its timeline. The case is committed before this returns, so a
 * reference handed to a caller always exists.
 */
export async function createCase(deps: CaseDeps, actor: CaseActor, input: Input): Promise<TCreateCaseResult> {
  const data = parseInput(ZCreateCase, input, 'case');
  if (!isAutomated(actor)) {
    requireTenant(actor, data.tenantId);
    requirePermission(actor, 'case.write');
    if (data.allowDuplicate) requirePermission(actor, 'case.override_duplicate');
  }
  const [tenant, protocol] = await Promise.all([deps.tenants.findTenant(data.tenantId), deps.protocols.findInForce(data.tenantId)]);
  if (!tenant) throw notFound('tenant');
  if (!protocol) throw new AppError('conflict', 'the tenant has no published protocol to validate the intake against');
  const intake = validateIntake(protocol, data.intake);
  const callerPhone = data.callerPhone ? normalisePhone(data.callerPhone, tenant.country, 'callerPhone') : null;
  const newCustomerPhones = data.customer?.phones.map((p, i) => normalisePhone(p, tenant.country, `customer.phones.${i}`));
  const phone = callerPhone ?? newCustomerPhones?.[0] ?? null;
  const known = await findCustomer(deps.customers, tenant.id, data.customerId, [callerPhone, ...(newCustomerPhones ?? [])]);
  const now = deps.clock.now();
  // Orders of one customer, or from one phone, are decided one at a time: two simultaneous
  // calls about the same boiler cannot both pass the duplicate guard.
  const lockKeys = [known ? `order:${known.id}` : '', phone ? `order:${tenant.id}:${phone}` : ''].filter(Boolean);

  const outcome = await deps.db.transaction(async (tx) => {
    const cases = createCaseRepository(tx);
    const customers = createCustomerRepository(tx);
    const customer = known ?? (await createCustomerIfGiven(customers, tenant.id, data, callerPhone, newCustomerPhones));
    const customerId = customer?.id ?? null;
    const { siteId, assetType } = await checkSiteAndAsset(customers, customerId, data.siteId, data.assetId);
    const applianceType = applianceTypeOf(protocol.intakeSchema, intake, assetType);

    const match = findDuplicate(
      { customerId, assetId: data.assetId ?? null, applianceType, phone },
      await cases.findOpenCasesForGuard(tenant.id, customerId, phone),
      now,
      tenant.duplicateWindowHours,
    );
    const who = timelineActor(actor);
    if (match && !data.allowDuplicate) {
      await cases.appendEvent({
        caseId: match.caseId, tenantId: tenant.id, at: now, actor: who, kind: 'duplicate_attempt',
        data: { rule: match.rule, channel: data.channel, callerPhone, intake, description: data.description },
      });
      return { caseId: match.caseId, duplicate: match, created: undefined };
    }
    const created: NewCase = {
      tenantId: tenant.id, reference: await deps.references.next(tx), protocolId: protocol.id, customerId, siteId,
      assetId: data.assetId ?? null, callerPhone, applianceType, intake, description: data.description,
      priority: priorityOf(protocol.intakeSchema, intake, data.priority), status: 'new', channel: data.channel,
      duplicateOf: match?.caseId ?? null, createdAt: now,
    };
    const caseId = await cases.insertCase(created, who);
    if (match) {
      const override = { rule: match.rule, reason: data.overrideReason };
      await cases.appendEvent({ caseId, tenantId: tenant.id, at: now, actor: who, kind: 'duplicate_override', data: { ...override, otherCaseId: match.caseId } });
      await cases.appendEvent({ caseId: match.caseId, tenantId: tenant.id, at: now, actor: who, kind: 'duplicate_override', data: { ...override, otherCaseId: caseId } });
    }
    return { caseId, duplicate: undefined, created: { ...created, customer } };
  }, { lockKeys });

  // A new case is answered from what was just written; only a duplicate needs reading back.
  const row: CaseRow = outcome.created
    ? {
        ...outcome.created, id: outcome.caseId, tenantName: tenant.name, protocolVersion: protocol.version,
        customerName: outcome.created.customer?.name ?? null, customerPhones: outcome.created.customer?.phones ?? null,
        customerEmail: outcome.created.customer?.email ?? null, assignedUserId: null, updatedAt: now, closedAt: null,
      }
    : (await deps.cases.findCase(outcome.caseId))!;
  if (outcome.duplicate) {
    deps.events.emit('case.duplicate_attempted', { tenantId: row.tenantId, caseId: row.id, reference: row.reference, rule: outcome.duplicate.rule });
  } else {
    deps.events.emit('case.created', { tenantId: row.tenantId, caseId: row.id, reference: row.reference });
  }
  return { case: toCase(row), duplicate: Boolean(outcome.duplicate), matchedRule: outcome.duplicate?.rule ?? null };
}

/** The customer the order is for: named by id, or known by one of the phones given. */
async function findCustomer(
  customers: CustomerRepository,
  tenantId: string,
  customerId: string | undefined,
  phones: readonly (string | null)[],
): Promise<CustomerRow | undefined> {
  if (customerId) {
    const customer = await customers.findCustomer(customerId);
    if (!customer || customer.tenantId !== tenantId) throw invalidField('customerId', 'no such customer in this tenant');
    return customer;
  }
  for (const phone of phones) {
    if (!phone) continue;
    const [known] = await customers.findCustomersByPhone(tenantId, phone);
    if (known) return known;
  }
  return undefined;
}

/** Under the phone's lock, so two simultaneous first calls do not make the customer twice. */
async function createCustomerIfGiven(
  customers: CustomerRepository,
  tenantId: string,
  data: z.output<typeof ZCreateCase>,
  callerPhone: string | null,
  newPhones: string[] | undefined,
): Promise<CustomerRow | null> {
  if (!data.customer || !newPhones) return null;
  const again = await findCustomer(customers, tenantId, undefined, newPhones);
  if (again) return again;
  const phones = [...new Set([...newPhones, ...(callerPhone ? [callerPhone] : [])])];
  return customers.insertCustomer({ tenantId, name: data.customer.name, phones, email: null, language: null, notes: '' });
}

async function checkSiteAndAsset(customers: CustomerRepository, customerId: string | null, siteId?: string, assetId?: string) {
  if (siteId) {
    const site = await customers.findSite(siteId);
    if (!site || site.customerId !== customerId) throw invalidField('siteId', "not a site of the case's customer");
  }
  let assetType: string | null = null;
  if (assetId) {
    const asset = await customers.findAsset(assetId);
    if (!asset || asset.customerId !== customerId) throw invalidField('assetId', "not an asset of the case's customer");
    assetType = asset.applianceType;
  }
  return { siteId: siteId ?? null, assetType };
}
