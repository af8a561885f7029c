import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPgliteDatabase } from '../../src/server/platform/db/pglite-database.ts';
import { launchChromium } from '../support/browser.ts';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';
import { expectedFigures } from '../support/traffic/expected-figures.ts';
import { seedTenantTraffic } from '../support/traffic/seed-traffic.ts';
import type { Traffic } from '../support/traffic/traffic-rows.ts';

const password = 'browser-test-password';
const shots = join(process.cwd(), '.test-artifacts');

describe('the reports in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-reports-web-'));
  let desk: SpawnedDesk;
  let browser: Browser;
  let tenantId: string;
  let traffic: Traffic;
  /** The demo desk's own sample calls that fall in November (local time), beside the generated ones. */
  let demoCalls: number;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    // First start seeds the demo desk; with the server stopped, a synthetic November is written
    // into the same embedded database, and the desk is started again on it.
    const first = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password }, 120_000);
    await first.stop();
    const db = await openPgliteDatabase(join(dataDir, 'pglite'));
    const [tenant] = await db.query<{ id: string }>(`select id from tenants order by created_at limit 1`);
    tenantId = tenant!.id;
    const [demo] = await db.query<{ n: number }>(
      `select count(*)::int as n from calls where tenant_id = $1 and started_at >= '2026-10-31T23:00:00Z' and started_at < '2026-11-30T23:00:00Z'`, [tenantId]);
    demoCalls = demo!.n;
    traffic = (await seedTenantTraffic(db, { id: tenantId, timeZone: 'Europe/Madrid', label: 'web' }, '2026-11-01', '2026-11-30', { call: 1 })).traffic;
    await db.close();
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password }, 120_000);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signInAsAdmin(page: Page, path: string) {
    await page.goto(`${desk.baseUrl}${path}`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').fill('admin@demo.local');
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/reports/);
  }

  test('the overview draws the month: figures, heatmap, service-level trend, cost', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    await signInAsAdmin(page, `/reports?tenant=${tenantId}&month=2026-11`);
    await page.getByTestId('kpi-cards').waitFor();
    await page.getByTestId('cost-panel').waitFor();
    await page.getByTestId('heatmap').waitFor();
    const expected = expectedFigures(traffic, new Map([[tenantId, 'Europe/Madrid']]), '2026-11-01', '2026-11-30', 20);
    const es = new Intl.NumberFormat('es-ES', { maximumFractionDigits: 1 });
    const kpi = (name: string) => page.locator(`[data-kpi="${name}"] .kpi-card__value`).innerText();
    assert.equal(await kpi('offered'), es.format(expected.offered));
    assert.equal(await kpi('answered'), es.format(expected.answered));
    assert.equal(await kpi('abandoned'), es.format(expected.abandoned));
    assert.equal((await kpi('serviceLevel')).replace(/\s/g, ''), new Intl.NumberFormat('es-ES', { style: 'percent', maximumFractionDigits: 1 }).format(expected.serviceLevel!).replace(/\s/g, ''));

    const cells = page.locator('[data-testid="heatmap"] rect');
    assert.equal(await cells.count(), 7 * 24);
    const busy = await page.locator('[data-testid="heatmap"] rect:not([data-calls="0"])').count();
    assert.ok(busy >= 12 * 6, `${busy} busy cells: Monday to Saturday, 08:00 to 20:00`);
    const zones = new Map([[tenantId, 'Europe/Madrid']]);
    const daysWithServiceLevel = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`)
      .filter((day) => expectedFigures(traffic, zones, day, day, 20).serviceLevel !== null).length;
    assert.ok(daysWithServiceLevel >= 25);
    assert.equal(await page.locator('[data-testid="sl-trend"] circle').count(), daysWithServiceLevel, 'one point per day with queued calls');
    assert.equal(await page.getByTestId('sl-trend-target').count(), 1, 'the target line');
    assert.equal(await page.locator('[data-testid="traffic-table"] tbody tr').count(), 30);
    await page.screenshot({ path: join(shots, 'reports-overview.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByTestId('export-traffic').click();
    assert.match((await download).suggestedFilename(), /^traffic-2026-11-day\.csv$/);
    await page.close();
  });

  test('staffing: need against operators logged in, and the what-if calculator', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    await signInAsAdmin(page, `/reports/staffing?tenant=${tenantId}&month=2026-11&day=2026-11-04`);
    await page.getByTestId('staffing-chart').waitFor();
    const bars = page.locator('[data-testid="staffing-chart"] rect[data-agents]');
    assert.equal(await bars.count(), 48);
    assert.ok(await page.locator('[data-testid="staffing-chart"] rect[data-agents]:not([data-agents="0"])').count() >= 20, 'agents needed through the working day');
    assert.match((await page.getByTestId('logged-in-line').getAttribute('d')) ?? '', /^M/);
    await page.getByRole('button', { name: 'Calcular' }).click();
    const result = page.getByTestId('what-if-result');
    await result.waitFor();
    // The classic example with an 85 % occupancy cap: 14 on the phones, 20 to schedule after 30 % shrinkage.
    assert.match(await result.innerText(), /14 agentes al teléfono, 20 a planificar/);
    await page.locator('#what-if-target').fill('100');
    await page.getByRole('button', { name: 'Calcular' }).click();
    await page.locator('.notice--error code', { hasText: 'targetServiceLevel' }).waitFor();
    await page.screenshot({ path: join(shots, 'reports-staffing.png'), fullPage: true });
    await page.close();
  });

  test('on a phone: the overview and the printable usage statement', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 780 }, locale: 'es-ES', isMobile: true });
    await signInAsAdmin(page, `/reports?tenant=${tenantId}&month=2026-11`);
    await page.getByTestId('heatmap').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: join(shots, 'reports-overview-phone.png'), fullPage: true });
    await page.goto(`${desk.baseUrl}/reports/usage?tenant=${tenantId}&month=2026-11`);
    const statement = page.getByTestId('usage-statement');
    await statement.waitFor();
    assert.match(await statement.innerText(), new RegExp(`Llamadas\\s+${new Intl.NumberFormat('es-ES').format(traffic.calls.length + demoCalls)}`));
    await page.screenshot({ path: join(shots, 'reports-usage-phone.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.side-nav').isVisible(), false, 'printing shows the statement alone');
    assert.equal(await page.locator('.statement__actions').isVisible(), false);
    await page.close();
  });

  test('prices and targets: an admin overrides a client and sees what is inherited', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
    await signInAsAdmin(page, `/reports/settings?tenant=${tenantId}&month=2026-11`);
    await page.getByTestId('report-settings').waitFor();
    await page.locator('#setting-seatCostPerHour').fill('22,5');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByTestId('settings-saved').waitFor();
    await page.goto(`${desk.baseUrl}/reports?tenant=${tenantId}&month=2026-11`);
    await page.getByTestId('cost-total').waitFor();
    assert.notEqual(await page.getByTestId('cost-total').innerText(), '0,00 €', 'the seat price now costs the handle time');
    await page.goto(`${desk.baseUrl}/reports/settings?tenant=${tenantId}&month=2026-11`);
    await page.getByTestId('report-settings').waitFor();
    assert.equal(await page.locator('#setting-seatCostPerHour').inputValue(), '22.5');
    await page.screenshot({ path: join(shots, 'reports-settings.png'), fullPage: true });
    await page.close();
  });
});
