import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

const executablePath = '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded one; a missing browser fails the run loudly. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: run scripts/ensure-test-peers.sh (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}
