/**
 * Real Chromium for the browser tests, driven by playwright-core. The system's chromium is used,
 * never a downloaded one. When it is missing the browser tests fail and say how to install it;
 * only BIRGA_SKIP_BROWSER=1, set on purpose, skips them instead.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './agent';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** False only when someone chose to skip the browser tests. */
export const browserTestsEnabled = process.env.BIRGA_SKIP_BROWSER !== '1';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\`` +
        ' (or set BIRGA_SKIP_BROWSER=1 to skip the browser tests on purpose).',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Signs in through the sign-in form, as a person would, and waits for the home page. */
export async function signInThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(new URL('/sign-in', baseUrl).href);
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/');
}
