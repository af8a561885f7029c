import type { z } from 'zod';
import { ZCreateCase, type TCreateCaseResult } from '../../shared/api/cases.ts';
import { requirePermission, requireTenant } from '../auth/principal.ts';
import { createCustomerRepository, type CustomerRepository } from '../customers/customer-repository.ts';
import { AppError, invalidField, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { normalisePhone } from '../phones/normalise-phone.ts';
import { isAutomated, timelineActor, type CaseActor } from './case-access.ts';
import type { CaseDeps } from './case-deps.ts';
import { createCaseRepository, toCase } from './case-repository.ts';
import { findDuplicate } from './duplicate-guard.ts';
import { referenceFor } from './reference-number.ts';
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
  const tenant = await deps.tenants.findTenant(data.tenantId);
  if (!tenant) throw notFound('tenant');
  const protocol = await deps.protocols.findInForce(tenant.id);
  if (!protocol) throw new AppError('conflict', 'the tenant has no published protocol to validate the intake against');
  const intake = validateIntake(protocol.intakeSchema, data.intake);
  const callerPhone = data.callerPhone ? normalisePhone(data.callerPhone, tenant.country, 'callerPhone') : null;
  const newCustomerPhones = data.customer?.phones.map((p, i) => normalisePhone(p, tenant.country, `customer.phones.${i}`));
  const now = deps.clock.now();

  const outcome = await deps.db.transaction(async (tx) => {
    const cases = createCaseRepository(tx);
    const customers = createCustomerRepository(tx);
    const customerId = await resolveCustomer(customers, tenant.id, data, callerPhone, newCustomerPhones);
    const { siteId, assetType } = await checkSiteAndAsset(customers, customerId, data.siteId, data.assetId);
    const applianceType = applianceTypeOf(protocol.intakeSchema, intake, assetType);
    const phone = callerPhone ?? newCustomerPhones?.[0] ?? null;

    await cases.lockOrderKeys([customerId ? `order:${customerId}` : '', phone ? `order:${tenant.id}:${phone}` : ''].filter(Boolean));
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
      return { caseId: match.caseId, duplicate: match };
    }
    const reference = referenceFor(await cases.nextReferenceCounter(), deps.referenceKey);
    const caseId = await cases.insertCase({
      tenantId: tenant.id, reference, protocolId: protocol.id, customerId, siteId, assetId: data.assetId ?? null, callerPhone,
      applianceType, intake, description: data.description, priority: priorityOf(protocol.intakeSchema, intake, data.priority),
      status: 'new', channel: data.channel, duplicateOf: match?.caseId ?? null, createdAt: now,
    });
    await cases.appendEvent({ caseId, tenantId: tenant.id, at: now, actor: who, kind: 'created', after: { status: 'new', intake } });
    if (match) {
      const override = { rule: match.rule, reason: data.overrideReason };
      await cases.appendEvent({ caseId, tenantId: tenant.id, at: now, actor: who, kind: 'duplicate_override', data: { ...override, otherCaseId: match.caseId } });
      await cases.appendEvent({ caseId: match.caseId, tenantId: tenant.id, at: now, actor: who, kind: 'duplicate_override', data: { ...override, otherCaseId: caseId } });
    }
    return { caseId, duplicate: undefined };
  });

  const row = (await deps.cases.findCase(outcome.caseId))!;
  if (outcome.duplicate) {
    deps.events.emit('case.duplicate_attempted', { tenantId: row.tenantId, caseId: row.id, reference: row.reference, rule: outcome.duplicate.rule });
  } else {
    deps.events.emit('case.created', { tenantId: row.tenantId, caseId: row.id, reference: row.reference });
  }
  return { case: toCase(row), duplicate: Boolean(outcome.duplicate), matchedRule: outcome.duplicate?.rule ?? null };
}

async function resolveCustomer(
  customers: CustomerRepository,
  tenantId: string,
  data: z.output<typeof ZCreateCase>,
  callerPhone: string | null,
  newPhones: string[] | undefined,
): Promise<string | null> {
  if (data.customerId) {
    const customer = await customers.findCustomer(data.customerId);
    if (!customer || customer.tenantId !== tenantId) throw invalidField('customerId', 'no such customer in this tenant');
    return customer.id;
  }
  for (const phone of [callerPhone, ...(newPhones ?? [])]) {
    if (!phone) continue;
    const [known] = await customers.findCustomersByPhone(tenantId, phone);
    if (known) return known.id;
  }
  if (!data.customer || !newPhones) return null;
  const phones = [...new Set([...newPhones, ...(callerPhone ? [callerPhone] : [])])];
  const created = await customers.insertCustomer({ tenantId, name: data.customer.name, phones, email: null, language: null, notes: '' });
  return created.id;
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
