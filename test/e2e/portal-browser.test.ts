import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { signInTo } from '../support/desk-api.ts';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';

const password = 'portal-test-password';
const shots = join(process.cwd(), '.test-artifacts');
const phone = { viewport: { width: 360, height: 740 }, locale: 'es-ES', isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 }, locale: 'es-ES' };

describe('the customer portal in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-portal-'));
  let desk: SpawnedDesk;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof signInTo>>;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    // The machine running the suite may be busy: the seeded desk gets time to start.
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password }, 120_000);
    browser = await launchChromium();
    admin = await signInTo(desk.baseUrl, 'admin@demo.local', password);
  });
  after(async () => {
    await browser?.close();
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const openPage = async (options: typeof phone | typeof desktop): Promise<Page> => {
    const page = await browser.newPage(options);
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    return page;
  };

  test('status look-up by reference and phone; a wrong phone is told nothing more', async () => {
    const res = await fetch(`${desk.baseUrl}/api/v1/portal/martinez/cases`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Eva Roca', phone: '633 44 55 66', intake: { appliance: 'oven', underWarranty: false, urgency: 'normal' } }),
    });
    assert.equal(res.status, 201);
    const { reference } = (await res.json()) as { reference: string };

    const page = await openPage(phone);
    await page.goto(`${desk.baseUrl}/portal/martinez`);
    await page.getByRole('link', { name: /Estado de una avería/ }).click();
    await page.getByLabel('Referencia').fill(reference);
    await page.getByLabel('Teléfono').fill('633445566');
    await page.getByRole('button', { name: 'Consultar' }).click();
    const result = page.getByTestId('status-result');
    await result.getByText(`Avería ${reference}:`).waitFor();
    assert.match(await result.innerText(), /Nuevo/);
    await page.screenshot({ path: join(shots, 'portal-status-phone.png'), fullPage: true });

    await page.getByLabel('Teléfono').fill('699999999');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await result.getByText('No hay ninguna avería con esa referencia y ese teléfono').waitFor();
    assert.ok(!(await result.innerText()).includes('Nuevo'));
    await page.close();
  });

  test('self-diagnosis that ends in a case: the answers arrive pre-filled in the protocol form', async () => {
    const page = await openPage(phone);
    await page.goto(`${desk.baseUrl}/portal/martinez`);
    await page.screenshot({ path: join(shots, 'portal-home-phone.png'), fullPage: true });
    await page.getByRole('link', { name: /Autodiagnóstico de averías/ }).click();
    await page.getByRole('button', { name: /La lavadora no desagua/ }).click();
    await page.getByRole('heading', { name: /Ha limpiado ya el filtro/ }).waitFor();
    await page.screenshot({ path: join(shots, 'portal-diagnosis-phone.png'), fullPage: true });
    await page.getByRole('button', { name: /Ya lo he limpiado y sigue igual/ }).click();
    await page.getByTestId('diagnosis-open-case').click();
    await page.waitForURL(/\/portal\/martinez\/new-case\?/);
    assert.equal(await page.locator('#case-appliance').inputValue(), 'washing_machine');
    assert.equal(await page.locator('#case-urgency').inputValue(), 'normal');
    await page.getByLabel('Nombre').fill('Pere Font');
    await page.getByLabel('Teléfono').fill('644 55 66 77');
    await page.getByRole('radio', { name: 'No' }).check();
    await page.screenshot({ path: join(shots, 'portal-case-prefilled-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Enviar' }).click();
    const done = page.getByTestId('case-opened');
    await done.waitFor();
    const reference = (await done.locator('.portal-done__reference').innerText()).trim();
    assert.match(reference, /^[0-9]{8}$/);
    const opened = (await admin.get(`/api/v1/cases/${reference}`)).body;
    assert.equal(opened.channel, 'portal');
    assert.deepEqual(opened.intake, { appliance: 'washing_machine', underWarranty: false, urgency: 'normal' });
    assert.equal(opened.callerPhone, '+34644556677');
    await page.close();
  });

  test('the protocol form shows each field’s error beside the field, and focuses the first', async () => {
    const page = await openPage(phone);
    await page.goto(`${desk.baseUrl}/portal/martinez/new-case`);
    await page.getByLabel('Teléfono').fill('12');
    await page.getByRole('button', { name: 'Enviar' }).click();
    for (const path of ['name', 'phone', 'intake.appliance', 'intake.underWarranty', 'intake.urgency']) {
      await page.getByTestId(`error-${path}`).waitFor();
    }
    assert.equal(await page.getByTestId('error-phone').innerText(), 'Número de teléfono no válido.');
    assert.equal(await page.getByTestId('error-intake.appliance').innerText(), 'Obligatorio.');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no sideways scrolling on a phone');
    assert.equal(await page.locator('#case-name').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'case-name');
    await page.screenshot({ path: join(shots, 'portal-form-errors-phone.png'), fullPage: true });
    await page.close();
  });

  test('HTML and script in an article are shown as text on the portal and in the staff panel, never run', async () => {
    const body = 'Texto <script>window.__pwned = 1</script>\n\n<img src="x" onerror="window.__pwned = 2">\n\n[pulse aquí](javascript:window.__pwned=3) y [web](https://example.org)';
    const created = await admin.post('/api/v1/knowledge/entries', {
      tenantId: (await admin.get('/api/v1/tenants')).body.items[0].id, kind: 'article', slug: 'prueba-xss',
      content: { variants: { es: { title: 'Prueba <b onmouseover="x">negrita</b>', summary: 'Resumen <script>window.__pwned=4</script>', body } } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await admin.post(`/api/v1/knowledge/entries/${created.body.id}/publish`, { version: 1 })).status, 200);

    const check = async (page: Page, root: string) => {
      const article = page.locator(root);
      await article.waitFor();
      assert.equal(await article.locator('script, img, b').count(), 0);
      assert.ok((await article.innerText()).includes('<script>window.__pwned = 1</script>'));
      assert.equal(await article.locator('a[href^="javascript"]').count(), 0);
      await article.getByText('pulse aquí').click();
      assert.equal(await article.locator('a[href="https://example.org"]').count(), 1);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    };
    const portal = await openPage(desktop);
    await portal.goto(`${desk.baseUrl}/portal/martinez/articles/prueba-xss`);
    await check(portal, '[data-testid="portal-article"]');
    await portal.close();

    const staff = await openPage(desktop);
    await staff.goto(`${desk.baseUrl}/login`);
    await staff.getByTestId('login-email').fill('operator@demo.local');
    await staff.getByTestId('login-password').fill(password);
    await staff.getByTestId('login-submit').click();
    await staff.waitForURL(/\/cases/);
    await staff.getByRole('link', { name: 'Conocimiento' }).click();
    await staff.getByLabel('Buscar en la base de conocimiento').fill('prueba');
    await staff.getByRole('button', { name: 'Buscar' }).click();
    await staff.getByTestId('kb-hits').getByRole('button', { name: /Prueba/ }).click();
    await check(staff, '[data-testid="kb-article"]');
    await staff.close();
  });

  test('staff screens: the panel walks a tree as a script; the editor previews and shows history', async () => {
    for (const [name, options] of [['desktop', desktop], ['phone', phone]] as const) {
      const page = await openPage(options);
      await page.goto(`${desk.baseUrl}/login`);
      await page.getByTestId('login-email').fill('admin@demo.local');
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/cases/);
      await page.goto(`${desk.baseUrl}/knowledge`);
      await page.getByTestId('kb-hits').getByRole('button', { name: /Autodiagnóstico/ }).click();
      await page.getByTestId('tree-walk').getByRole('button', { name: /El aparato no enciende/ }).click();
      await page.getByTestId('kb-article').getByRole('heading', { name: 'El aparato no enciende' }).waitFor();
      await page.screenshot({ path: join(shots, `knowledge-panel-${name}.png`), fullPage: true });
      await page.getByRole('link', { name: /La lavadora no desagua: limpie el filtro/ }).click();
      await page.getByTestId('kb-history').waitFor();
      await page.screenshot({ path: join(shots, `knowledge-editor-${name}.png`), fullPage: true });
      await page.close();
    }
  });
});
