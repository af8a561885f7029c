import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { eventually, signInTo } from '../support/desk-api.ts';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';

const password = 'field-test-password';
const shots = join(process.cwd(), '.test-artifacts');

describe("the technician's phone view in Chromium (390×844)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-field-'));
  let desk: SpawnedDesk;
  let browser: Browser;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    // A first start seeds the demo desk; on a busy machine that takes a while.
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password }, 120_000);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('signs in by one-time link, accepts the offer, goes en route, arrives offline (replayed once), resolves with a signed report', async () => {
    const admin = await signInTo(desk.baseUrl, 'admin@demo.local', password);
    const tenantId = (await admin.get('/api/v1/tenants')).body.items[0].id as string;
    const [ana] = (await admin.get(`/api/v1/customers?phone=${encodeURIComponent('+34612345678')}`)).body.items;
    const site = (await admin.get(`/api/v1/customers/${ana.id}`)).body.sites[0];
    const created = await admin.post('/api/v1/cases', {
      tenantId, customerId: ana.id, siteId: site.id, channel: 'operator', description: 'La lavadora no centrifuga',
      intake: { appliance: 'washing_machine', underWarranty: true, urgency: 'normal', brand: 'Bosch' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const caseId = created.body.case.id as string;
    const reference = created.body.case.reference as string;
    // The demo policy dispatches new cases by itself; let that round happen before the operator steps in.
    await eventually(async () => (await admin.get(`/api/v1/cases/${caseId}/dispatch`)).body.current ?? undefined, 15_000, 'the automatic round');
    const technicians = (await admin.get(`/api/v1/tenants/${tenantId}/technicians`)).body.items as { id: string; name: string }[];
    const jordi = technicians.find((t) => t.name === 'Jordi Puig')!;
    const offered = await admin.post(`/api/v1/cases/${caseId}/dispatch`, { technicianId: jordi.id });
    assert.deepEqual(offered.body.current.offers.map((o: any) => [o.technicianName, o.status]), [['Jordi Puig', 'pending']]);

    assert.equal((await admin.post(`/api/v1/tenants/${tenantId}/technicians/${jordi.id}/sign-in-link`, {})).status, 200);
    const token = await eventually(async () => {
      const items = (await admin.get(`/api/v1/notifications?tenant=${tenantId}&limit=200`)).body.items as { purpose: string; recipient: string; body: string }[];
      const sms = items.find((n) => n.purpose === 'technician_update' && n.recipient === '+34611000001');
      return sms ? /\/field\/sign-in#([A-Za-z0-9_-]+)/.exec(sms.body)?.[1] : undefined;
    }, 10_000, 'the sign-in link');

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-ES', hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${desk.baseUrl}/field/sign-in#${token}`);
    await page.waitForURL(/\/field$/);
    const offer = page.getByTestId(`offer-${reference}`);
    await offer.waitFor();
    await page.screenshot({ path: join(shots, 'field-offer-phone.png'), fullPage: true });
    await offer.getByTestId('offer-accept').click();
    const job = page.getByTestId(`job-${reference}`);
    await job.getByTestId('job-en-route').waitFor();
    const status = async () => (await admin.get(`/api/v1/cases/${caseId}`)).body.status as string;
    assert.equal(await status(), 'accepted');

    await job.getByTestId('job-en-route').click();
    await job.getByTestId('job-on-site').waitFor();
    await eventually(async () => ((await status()) === 'en_route' ? true : undefined), 10_000, 'en route on the desk');
    await page.screenshot({ path: join(shots, 'field-job-phone.png'), fullPage: true });

    await context.setOffline(true);
    await job.getByTestId('job-on-site').click();
    await page.getByTestId('field-queue').waitFor();
    await job.getByTestId('job-resolve').waitFor();
    await page.screenshot({ path: join(shots, 'field-offline-phone.png'), fullPage: true });
    assert.equal(await status(), 'en_route', 'nothing reached the desk while offline');
    await context.setOffline(false);
    await page.getByTestId('field-queue').waitFor({ state: 'detached', timeout: 20_000 });
    await eventually(async () => ((await status()) === 'on_site' ? true : undefined), 10_000, 'on site on the desk');
    const onSite = (await admin.get(`/api/v1/cases/${caseId}/timeline`)).body.items.filter(
      (e: any) => e.kind === 'status_changed' && e.after?.status === 'on_site');
    assert.equal(onSite.length, 1, 'the queued action was applied once');

    await job.getByTestId('job-resolve').click();
    const form = page.getByTestId('report-form');
    await page.getByTestId('report-work').fill('Cambio de rodamientos y correa');
    await page.getByTestId('report-parts').fill('2 x Rodamiento 6205\nCorrea 1192 J5');
    await page.getByTestId('report-minutes').fill('75');
    const pad = await page.getByTestId('signature-pad').boundingBox();
    assert.ok(pad);
    await page.mouse.move(pad.x + 30, pad.y + pad.height * 0.7);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(pad.x + 30 + i * 22, pad.y + pad.height * (0.7 - 0.4 * Math.sin(i / 2)));
    await page.mouse.up();
    await page.screenshot({ path: join(shots, 'field-report-phone.png'), fullPage: true });
    await form.getByTestId('report-submit').click();
    await eventually(async () => ((await status()) === 'resolved' ? true : undefined), 10_000, 'resolved on the desk');
    const report = (await admin.get(`/api/v1/cases/${caseId}/timeline`)).body.items.find((e: any) => e.kind === 'job_report');
    assert.deepEqual([report.data.minutes, report.data.signed, report.data.parts], [75, true, [{ quantity: 2, name: 'Rodamiento 6205' }, { quantity: 1, name: 'Correa 1192 J5' }]]);
    await job.getByText('Resuelto').first().waitFor();

    // The link was spent by the first visit.
    await page.goto(`${desk.baseUrl}/field/sign-in#${token}`);
    await page.getByTestId('sign-in-invalid').waitFor();

    const customer = (await admin.get(`/api/v1/notifications?tenant=${tenantId}&limit=200`)).body.items.find(
      (n: any) => n.purpose === 'customer_update' && /resuelto/.test(n.body));
    const statusToken = /\/status#([A-Za-z0-9_-]+)/.exec(customer.body)![1];
    await page.goto(`${desk.baseUrl}/status#${statusToken}`);
    await page.getByTestId('public-status').waitFor();
    assert.match(await page.getByTestId('public-status').innerText(), /Resuelto/);
    await page.screenshot({ path: join(shots, 'public-status-phone.png'), fullPage: true });
    await context.close();

    const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    await desktop.goto(`${desk.baseUrl}/login`);
    await desktop.getByTestId('login-email').fill('operator@demo.local');
    await desktop.getByTestId('login-password').fill(password);
    await desktop.getByTestId('login-submit').click();
    await desktop.waitForURL(/\/cases/);
    await desktop.goto(`${desk.baseUrl}/cases/${reference}`);
    await desktop.getByTestId('dispatch-card').waitFor();
    await desktop.screenshot({ path: join(shots, 'case-dispatch-desktop.png'), fullPage: true });

    // A second order, left to the policy: the case page explains the decision, candidate by candidate.
    const [maria] = (await admin.get(`/api/v1/customers?phone=${encodeURIComponent('+34633445566')}`)).body.items;
    const mariaSite = (await admin.get(`/api/v1/customers/${maria.id}`)).body.sites[0];
    const second = (await admin.post('/api/v1/cases', {
      tenantId, customerId: maria.id, siteId: mariaSite.id, channel: 'operator', description: 'El horno no calienta',
      intake: { appliance: 'oven', underWarranty: false, urgency: 'normal' },
    })).body.case;
    const round = await eventually(async () => (await admin.get(`/api/v1/cases/${second.id}/dispatch`)).body.current ?? undefined, 15_000, 'the second round');
    if (round.status === 'escalated') {
      await desktop.goto(`${desk.baseUrl}/cases`);
      await desktop.getByTestId('dispatch-alerts').waitFor();
      await desktop.screenshot({ path: join(shots, 'cases-alerts-desktop.png') });
    }
    await desktop.goto(`${desk.baseUrl}/cases/${second.reference}`);
    await desktop.getByTestId('why-this-technician').waitFor();
    assert.match(await desktop.getByTestId('why-this-technician').innerText(), /Andrés Navarro/);
    await desktop.screenshot({ path: join(shots, 'case-why-desktop.png'), fullPage: true });
    await desktop.setViewportSize({ width: 390, height: 844 });
    await desktop.screenshot({ path: join(shots, 'case-why-phone.png'), fullPage: true });
    await desktop.close();
  });
});
