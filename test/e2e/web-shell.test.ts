import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';

const password = 'browser-test-password';
const shots = join(process.cwd(), '.test-artifacts');

describe('the web shell in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'centralita-web-'));
  let desk: SpawnedDesk;
  let browser: Browser;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await desk?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('an operator signs in, finds a demo case and opens its timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'es-ES' });
    await page.goto(`${desk.baseUrl}/cases`);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').fill('operator@demo.local');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/cases/);
    const rows = page.getByTestId('case-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 5);
    await page.screenshot({ path: join(shots, 'cases-list.png') });

    const boiler = rows.filter({ hasText: 'Caldera' }).first();
    const reference = await boiler.getAttribute('data-reference');
    assert.match(reference ?? '', /^[0-9]{8}$/);
    await boiler.click();
    await page.waitForURL(new RegExp(`/cases/${reference}`));
    const header = await page.getByTestId('case-reference').innerText();
    assert.equal(header.replace(/\s/g, ''), reference);
    const entries = page.getByTestId('timeline-entry');
    await entries.first().waitFor();
    assert.ok((await entries.count()) >= 4, 'created plus three status changes');
    assert.ok(await page.getByText('Junkers').first().isVisible());
    await page.screenshot({ path: join(shots, 'case-page.png'), fullPage: true });

    await page.getByTestId('note-text').fill('Cliente avisado por teléfono');
    await page.getByTestId('note-submit').click();
    await page.getByText('Cliente avisado por teléfono').first().waitFor();
  });

  test('search by reference digits and by phone, at a phone-sized viewport in Catalan', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ca-ES' });
    await page.goto(`${desk.baseUrl}/login`);
    await page.getByTestId('login-email').fill('admin@demo.local');
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('case-row').first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ca');
    const reference = await page.getByTestId('case-row').first().getAttribute('data-reference');
    await page.getByTestId('case-search').fill(reference!);
    await page.getByTestId('case-search').press('Enter');
    await page.waitForFunction((ref) => {
      const rows = [...document.querySelectorAll('[data-testid="case-row"]')];
      return rows.length === 1 && rows[0]!.getAttribute('data-reference') === ref;
    }, reference);
    await page.getByTestId('case-search').fill('622 33 44 55');
    await page.getByTestId('case-search').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-row"]').length === 1);
    await page.screenshot({ path: join(shots, 'cases-phone.png'), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page scrolls sideways: ${width}px`);
  });
});
