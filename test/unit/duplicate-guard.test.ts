import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDuplicate, type OrderCandidate } from '../../src/server/cases/duplicate-guard.ts';
import type { OpenCaseForGuard } from '../../src/server/cases/case-repository.ts';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const open = (over: Partial<OpenCaseForGuard>): OpenCaseForGuard => ({
  id: 'case-x', customerId: null, assetId: null, applianceType: null, callerPhone: null, customerPhones: null, createdAt: hoursAgo(1), ...over,
});
const candidate = (over: Partial<OrderCandidate>): OrderCandidate => ({ customerId: null, assetId: null, applianceType: null, phone: null, ...over });

test('same customer and asset matches whatever the appliance type says', () => {
  const match = findDuplicate(
    candidate({ customerId: 'c1', assetId: 'a1', applianceType: 'oven' }),
    [open({ id: 'k1', customerId: 'c1', assetId: 'a1', applianceType: 'dishwasher', createdAt: hoursAgo(2000) })],
    now, 72,
  );
  assert.deepEqual(match, { caseId: 'k1', rule: 'customer_asset' });
});

test('same customer and appliance type matches regardless of the window', () => {
  const match = findDuplicate(
    candidate({ customerId: 'c1', applianceType: 'boiler' }),
    [open({ id: 'k2', customerId: 'c1', applianceType: 'boiler', createdAt: hoursAgo(500) })],
    now, 72,
  );
  assert.deepEqual(match, { caseId: 'k2', rule: 'customer_appliance' });
});

test('same customer but another appliance is a new order', () => {
  assert.equal(findDuplicate(candidate({ customerId: 'c1', applianceType: 'oven' }), [open({ customerId: 'c1', applianceType: 'boiler' })], now, 72), undefined);
});

test('same phone and appliance type matches only within the window', () => {
  const phone = '+34612345678';
  const recent = open({ id: 'k3', callerPhone: phone, applianceType: 'washing_machine', createdAt: hoursAgo(71) });
  const old = open({ id: 'k4', callerPhone: phone, applianceType: 'washing_machine', createdAt: hoursAgo(73) });
  assert.deepEqual(findDuplicate(candidate({ phone, applianceType: 'washing_machine' }), [recent], now, 72), { caseId: 'k3', rule: 'phone_appliance' });
  assert.equal(findDuplicate(candidate({ phone, applianceType: 'washing_machine' }), [old], now, 72), undefined);
});

test("a phone listed on the open case's customer counts as the same phone", () => {
  const phone = '+34612345678';
  const match = findDuplicate(candidate({ phone, applianceType: 'oven' }), [open({ id: 'k5', customerId: 'c9', customerPhones: [phone], applianceType: 'oven' })], now, 24);
  assert.deepEqual(match, { caseId: 'k5', rule: 'phone_appliance' });
});

test('the strongest rule wins and the newest case is returned', () => {
  const cases = [
    open({ id: 'older', customerId: 'c1', applianceType: 'oven', createdAt: hoursAgo(10) }),
    open({ id: 'newer', customerId: 'c1', applianceType: 'oven', createdAt: hoursAgo(1) }),
    open({ id: 'asset', customerId: 'c1', assetId: 'a1', applianceType: 'oven', createdAt: hoursAgo(30) }),
  ];
  assert.deepEqual(findDuplicate(candidate({ customerId: 'c1', assetId: 'a1', applianceType: 'oven' }), cases, now, 72), { caseId: 'asset', rule: 'customer_asset' });
  assert.deepEqual(findDuplicate(candidate({ customerId: 'c1', applianceType: 'oven' }), cases, now, 72), { caseId: 'newer', rule: 'customer_appliance' });
});

test('no appliance type and no asset means no match', () => {
  assert.equal(findDuplicate(candidate({ customerId: 'c1', phone: '+34600000000' }), [open({ customerId: 'c1', callerPhone: '+34600000000' })], now, 72), undefined);
});
