import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { decodeALaw } from '../../src/server/telephony/media/g711.ts';
import { rmsLevel } from '../../src/server/telephony/media/g711-frames.ts';
import { rmsOf } from '../support/baresip.ts';
import { launchChromium } from '../support/browser.ts';
import { eventually, signInTo } from '../support/desk-api.ts';
import { startOperatorSoftphone, type OperatorSoftphone } from '../support/operator-softphone.ts';
import { startRtpCapture } from '../support/rtp-capture.ts';
import { reserveSippPort, runSippCall, type SippStep } from '../support/sipp.ts';
import { spawnDesk, type SpawnedDesk } from '../support/spawn-desk.ts';
import { openTestDatabase, oneDatabaseKind, type TestDatabase } from '../support/test-database.ts';

const password = 'console-test-password';
const shots = join(process.cwd(), '.test-artifacts');
const voice = '/usr/share/sip-tester/g711a.pcap';

async function openConsole(browser: Browser, baseUrl: string, email: string, path: string, viewport = { width: 1366, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'es-ES' });
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(path)}`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(new RegExp(`${path}$`));
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 15_000 });
  return page;
}

const stateIs = (page: Page, state: string) => page.locator(`[data-testid="agent-state"][data-state="${state}"]`).waitFor({ timeout: 10_000 });

/**
 * The caller's side, timed from the answer: new repair (1), boiler (5), no warranty (2), then 0 at
 * the urgency question, which hands the caller to an operator with what was collected. The recorded
 * voice then repeats until the operator hangs up.
 */
function callerSteps(): SippStep[] {
  return [
    { pause: 2500 }, { digits: '1' }, { pause: 2500 }, { digits: '5' }, { pause: 2000 }, { digits: '2' }, { pause: 2500 }, { digits: '0' }, { pause: 1500 },
    { talkUntilHangup: voice, everyMs: 7200 },
  ];
}

// Real peers on one database: the bridge on PGlite, the console on PostgreSQL when the run has one.
for (const kind of oneDatabaseKind('postgres')) {
  describe(`the operators' console with a real caller, softphone and Chromium (${kind})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'centralita-console-'));
    let database: TestDatabase | undefined;
    let desk: SpawnedDesk;
    let browser: Browser;
    let softphone: OperatorSoftphone | undefined;
    let operatorPage: Page;
    let operatorName: string;
    let deskKilled = false;

    before(async () => {
      mkdirSync(shots, { recursive: true });
      if (kind === 'postgres') database = await openTestDatabase('postgres');
      desk = await spawnDesk({ DATA_DIR: dataDir, DEMO_PASSWORD: password, ...(database?.url ? { DATABASE_URL: database.url } : {}) }, 180_000);
      browser = await launchChromium();
      const operator = await signInTo(desk.baseUrl, 'operator@demo.local', password);
      operatorName = (await operator.get('/api/v1/operators/me')).body.agent.name;
    });

    after(async () => {
      await softphone?.stop();
      await browser?.close();
      if (!deskKilled) await desk?.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test("the operator changes state in the console and the supervisor's view follows live", async () => {
      operatorPage = await openConsole(browser, desk.baseUrl, 'operator@demo.local', '/console');
      assert.equal(await operatorPage.getByTestId('sip-extension').innerText(), '1001');
      await stateIs(operatorPage, 'offline');
      assert.equal(await operatorPage.getByTestId('board-count').innerText(), '0 en espera');

      const supervisor = await openConsole(browser, desk.baseUrl, 'admin@demo.local', '/supervisor');
      const row = supervisor.getByTestId('supervisor-agent').filter({ hasText: operatorName });
      await row.waitFor();
      assert.equal(await row.getAttribute('data-state'), 'offline');
      const queue = supervisor.getByTestId('supervisor-queue').filter({ hasText: 'default' });
      await queue.waitFor();
      assert.ok(await queue.getByText('Reparaciones Martínez').isVisible());

      await operatorPage.getByTestId('set-state-available').click();
      await stateIs(operatorPage, 'available');
      await supervisor.locator(`[data-testid="supervisor-agent"][data-state="available"]`, { hasText: operatorName }).waitFor({ timeout: 10_000 });

      // H and T belong to the call: with no call they do nothing, and the state stays put.
      await operatorPage.keyboard.press('h');
      await operatorPage.getByTestId('set-state-break').click();
      await stateIs(operatorPage, 'break');
      await supervisor.locator(`[data-testid="supervisor-agent"][data-state="break"]`, { hasText: operatorName }).waitFor({ timeout: 10_000 });
      assert.equal(await supervisor.getByTestId('live-status').getAttribute('data-status'), 'live');
      await operatorPage.screenshot({ path: join(shots, `console-idle-${kind}.png`), fullPage: true });
      await supervisor.screenshot({ path: join(shots, `supervisor-${kind}.png`), fullPage: true });
      await supervisor.close();
    });

    test('a caller who pressed 0 waits on the board, pops up before the phone is answered, and talks both ways', async (t) => {
      softphone = await startOperatorSoftphone({ registrar: `127.0.0.1:${desk.sipPort}`, user: '1001', password, toneHz: 1000, seconds: 150 });
      const operator = await signInTo(desk.baseUrl, 'operator@demo.local', password);
      await eventually(async () => ((await operator.get('/api/v1/operators/me')).body.agent.sip.registered ? true : undefined), 15_000, 'extension 1001 registered');
      // The registrar as the softphone must be told it: this desk's SIP port is not 5060.
      assert.equal((await operator.get('/api/v1/operators/me')).body.agent.sip.domain, `127.0.0.1:${desk.sipPort}`);
      await operatorPage.reload();
      await operatorPage.locator('[data-testid="sip-registered"][data-registered="true"]').waitFor();
      await stateIs(operatorPage, 'break');

      const supervisor = await openConsole(browser, desk.baseUrl, 'admin@demo.local', '/supervisor');
      const queueRow = supervisor.getByTestId('supervisor-queue').filter({ hasText: 'default' });
      await queueRow.waitFor();
      const answeredBefore = Number(await queueRow.locator('td').nth(2).innerText());

      const sippPort = await reserveSippPort();
      const capture = await startRtpCapture(sippPort + 2);
      t.after(() => capture.stop().then(() => undefined));
      const caller = '+34611000222';
      const call = runSippCall(desk.sipPort, '+34900100200', { callerId: caller, codec: 'PCMA', localPort: sippPort, steps: callerSteps() }, 120);

      // On break, the caller waits on the board with what the menu collected, and the wait ticks.
      const waiting = operatorPage.getByTestId('board-call').filter({ hasText: caller });
      await waiting.waitFor({ timeout: 40_000 });
      const collected = waiting.getByTestId('collected');
      assert.match(await collected.innerText(), /Caldera/);
      assert.match(await collected.innerText(), /garantía\?:\s*No/);
      const firstWait = await waiting.getByTestId('board-wait').innerText();
      await operatorPage.waitForFunction((before) => document.querySelector('[data-testid="board-wait"]')?.textContent !== before, firstWait);
      await supervisor.locator('[data-testid="supervisor-queue"][data-waiting="1"]').waitFor({ timeout: 10_000 });

      // Available: the offer pops the caller while the phone is still ringing.
      const availableAt = Date.now();
      await operatorPage.getByTestId('set-state-available').click();
      const pop = operatorPage.locator('[data-testid="screen-pop"][data-phase="ringing"]');
      await pop.waitFor({ timeout: 10_000 });
      const poppedAt = Date.now();
      await softphone.ringing(10_000);
      t.diagnostic(`screen pop on screen ${poppedAt - availableAt} ms after the click on Available; the phone was ringing by ${Date.now() - availableAt} ms`);
      assert.equal(await operatorPage.getByTestId('pop-tenant').innerText().then((t) => t.split('·')[0]!.trim()), 'Reparaciones Martínez');
      assert.match(await operatorPage.getByTestId('pop-greeting').innerText(), /Reparaciones Martínez/);
      assert.equal(await operatorPage.getByTestId('pop-caller').innerText(), caller);
      assert.equal(await operatorPage.getByTestId('intake-appliance').inputValue(), 'boiler');
      assert.equal(await operatorPage.getByTestId('intake-underWarranty').inputValue(), 'false');
      assert.equal(await operatorPage.getByTestId('intake-urgency').inputValue(), '');
      await stateIs(operatorPage, 'ringing');
      assert.doesNotMatch(softphone.log(), /Call established/i, 'nothing answered the phone yet');
      await operatorPage.screenshot({ path: join(shots, `console-screen-pop-${kind}.png`), fullPage: true });

      await softphone.answer();
      const bar = operatorPage.locator('[data-testid="call-bar"][data-status="connected"]');
      await bar.waitFor({ timeout: 10_000 });
      await stateIs(operatorPage, 'on_call');
      const answeredAt = Date.now();
      assert.ok(answeredAt > poppedAt);
      await supervisor.locator('[data-testid="supervisor-agent"][data-state="on_call"]', { hasText: operatorName }).waitFor({ timeout: 10_000 });
      await supervisor.locator('[data-testid="supervisor-queue"][data-waiting="0"]').waitFor({ timeout: 10_000 });
      assert.equal(Number(await queueRow.locator('td').nth(2).innerText()), answeredBefore + 1, 'the answered call counts today');
      await supervisor.screenshot({ path: join(shots, `supervisor-on-call-${kind}.png`), fullPage: true });
      await supervisor.close();

      // Hold and resume from the keyboard, then complete the protocol form: the case reference shows.
      await operatorPage.locator('body').click({ position: { x: 5, y: 5 } });
      await operatorPage.keyboard.press('h');
      await operatorPage.locator('[data-testid="call-bar"][data-status="held"]').waitFor({ timeout: 10_000 });
      await operatorPage.keyboard.press('h');
      await bar.waitFor({ timeout: 10_000 });
      // T opens the transfer panel with the tenant's queue as a target; T again closes it.
      await operatorPage.keyboard.press('t');
      const transfer = operatorPage.getByTestId('transfer-panel');
      await transfer.waitFor();
      await transfer.locator('#transfer-target option', { hasText: 'default' }).waitFor({ state: 'attached' });
      await operatorPage.locator('body').click({ position: { x: 5, y: 5 } });
      await operatorPage.keyboard.press('t');
      await transfer.waitFor({ state: 'detached' });
      await operatorPage.getByTestId('intake-submit').click();
      await operatorPage.locator('.field__error').first().waitFor();
      assert.ok(await operatorPage.locator('[data-key="urgency"] .field__error').isVisible(), 'the missing urgency is named under its field');
      await operatorPage.getByTestId('intake-urgency').selectOption('urgent');
      await operatorPage.getByTestId('intake-submit').click();
      const saved = operatorPage.getByTestId('saved-reference');
      await saved.waitFor();
      const reference = await saved.getAttribute('data-reference');
      assert.match(reference ?? '', /^[0-9]{8}$/);
      await operatorPage.screenshot({ path: join(shots, `console-on-call-${kind}.png`), fullPage: true });

      // A few seconds more of conversation, then the operator hangs up from the console: wrap-up with
      // its countdown, ended early with a code.
      await operatorPage.waitForTimeout(3000);
      await operatorPage.getByTestId('call-hangup').click();
      const result = await call;
      const received = await capture.stop();
      assert.equal(result.code, 0, `SIPp failed: ${result.errors}\n${result.stdout.slice(-2000)}`);
      const wrapUp = operatorPage.getByTestId('wrap-up');
      await wrapUp.waitFor({ timeout: 15_000 });
      await stateIs(operatorPage, 'wrap_up');
      assert.match(await operatorPage.getByTestId('wrap-up-remaining').innerText(), /Quedan \d+ s/);
      await operatorPage.screenshot({ path: join(shots, `console-wrap-up-${kind}.png`), fullPage: true });
      await operatorPage.locator('#wrap-up-code').selectOption('case_opened');
      await operatorPage.locator('#wrap-up-notes').fill('Caldera sin presión; técnico avisado');
      await operatorPage.getByTestId('wrap-up-submit').click();
      await stateIs(operatorPage, 'available');
      await operatorPage.getByTestId('console-idle').waitFor();

      const admin = await signInTo(desk.baseUrl, 'admin@demo.local', password);
      const created = await admin.get(`/api/v1/cases/${reference}`);
      assert.equal(created.status, 200);
      assert.equal(created.body.intake.appliance, 'boiler');
      assert.equal(created.body.intake.urgency, 'urgent');

      // The caller heard the operator: the last packets before the hang-up carry the phone's tone.
      const audio = received.filter((p) => p.payloadType === 8);
      assert.ok(audio.length > 300, `RTP packets to the caller: ${audio.length}`);
      const lastPackets = audio.slice(-200).map((p) => rmsLevel(decodeALaw(new Uint8Array(p.payload))));
      const loud = lastPackets.filter((level) => level > 500).length;
      assert.ok(loud > 150, `the caller hears the operator: ${loud} of the last 200 packets carry audio`);

      // The operator heard the caller: baresip's recording of the call has the caller's voice in it.
      await softphone.stop();
      const heard = softphone.heardWav();
      assert.ok(heard, `baresip recorded nothing:\n${softphone.log().slice(-3000)}`);
      // The whole conversation, a moment on hold included.
      const level = rmsOf(heard, 0, 120);
      assert.ok(level > 0.01, `the operator hears the caller: RMS ${level}`);
    });

    test('the console and the supervisor view fit a phone', async () => {
      for (const [path, email, name] of [['/console', 'operator@demo.local', 'console'], ['/supervisor', 'admin@demo.local', 'supervisor']] as const) {
        const page = await openConsole(browser, desk.baseUrl, email, path, { width: 390, height: 844 });
        await page.locator(path === '/console' ? '[data-testid="agent-state"]' : '[data-testid="supervisor-agent"]').first().waitFor();
        await page.screenshot({ path: join(shots, `${name}-phone-${kind}.png`), fullPage: true });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `${path} scrolls sideways: ${width}px`);
        await page.close();
      }
    });

    test('when the desk dies the console says it is reconnecting', async () => {
      await operatorPage.locator('[data-testid="live-status"][data-status="live"]').waitFor();
      // Killed, as in a crash: the stream drops without a goodbye.
      deskKilled = true;
      await desk.stop('SIGKILL');
      await operatorPage.locator('[data-testid="live-status"][data-status="reconnecting"]').waitFor({ timeout: 15_000 });
      assert.match(await operatorPage.getByTestId('live-status').innerText(), /Reconectando/);
    });
  });
}
