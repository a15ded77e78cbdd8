import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserTestsEnabled, launchBrowser, signInThroughForm } from '../support/browser';
import { loadPageHandler } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

describe.runIf(browserTestsEnabled)('accessibility and small screens in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let signedIn: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer({ pageHandler: await loadPageHandler() });
    browser = await launchBrowser();
    signedIn = await browser.newContext();
    await signInThroughForm(await signedIn.newPage(), server.url, 'coordinator@navbahor.example');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(['uz-Latn', 'ru', 'en'])(
    'finds no serious violation on the sign-in page in %s',
    async (locale) => {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'birga_lang', value: locale, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.locator('#sign-in-email').waitFor();

      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
  );

  it('finds no serious violation on the territories page, searched and not', async () => {
    const page = await signedIn.newPage();
    await page.goto(`${server.url}/territories`);
    await page.getByRole('navigation', { name: 'Hududlar daraxti' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Hududni qidirish').fill('Navbahor');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('finds no serious violation on a territory page with the coordinator’s form', async () => {
    const page = await signedIn.newPage();
    await page.goto(`${server.url}/territories/UZ-FA-FC-NAV`);
    await page.locator('#strategy-year').waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it.each(['/', '/register', '/territories/UZ-FA-FC-NAV/members', '/account'])(
    'finds no serious violation at %s for a signed-in coordinator',
    async (path) => {
      const page = await signedIn.newPage();
      await page.goto(`${server.url}${path}`);
      await page.locator('main h1').waitFor();

      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it('finds no serious violation on the administrators’ page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughForm(page, server.url, 'admin@birga.example');
    await page.goto(`${server.url}/admin`);
    await page.locator('#admin-user-filter').waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  /** WCAG 2.5.3: a control's spoken name starts with the words it shows. */
  async function namesNotStartingWithTheirText(page: Page) {
    return page.evaluate(() =>
      [...document.querySelectorAll('button[aria-label], a[aria-label]')]
        .map((control) => ({
          text: (control.textContent ?? '').replace(/\s+/g, ' ').trim(),
          name: control.getAttribute('aria-label') ?? '',
        }))
        .filter(({ text, name }) => text !== '' && !name.startsWith(text)),
    );
  }

  it.each(['uz-Latn', 'ru', 'en'])(
    'names every labelled button by its visible text first on the members and admin pages in %s',
    async (locale) => {
      const coordinator = await browser.newContext();
      await coordinator.addCookies([{ name: 'birga_lang', value: locale, url: server.url }]);
      const members = await coordinator.newPage();
      await signInThroughForm(members, server.url, 'coordinator@navbahor.example');
      await members.goto(`${server.url}/territories/UZ-FA-FC-NAV/members`);
      await members.locator('#invite-role').waitFor();
      await members.locator('#invite-role').selectOption('expert');
      await members.locator('#invite-title ~ form button[type="submit"]').click();
      await members.locator('#invitation-link').waitFor();

      const labelled = await members.locator('button[aria-label]').count();
      expect(labelled).toBeGreaterThanOrEqual(3);
      expect(await namesNotStartingWithTheirText(members)).toEqual([]);
      await coordinator.close();

      const administrator = await browser.newContext();
      await administrator.addCookies([{ name: 'birga_lang', value: locale, url: server.url }]);
      const admin = await administrator.newPage();
      await signInThroughForm(admin, server.url, 'admin@birga.example');
      await admin.goto(`${server.url}/admin`);
      await admin.locator('#admin-user-filter').waitFor();

      expect(await admin.locator('button[aria-label]').count()).toBeGreaterThanOrEqual(10);
      expect(await namesNotStartingWithTheirText(admin)).toEqual([]);
      await administrator.close();
    },
  );

  it('moves keyboard focus past the header with the skip link', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('main h1').waitFor();

    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain(
      'skip-link',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => Boolean(document.activeElement?.closest('main')));
    expect(focused).toBe(true);
    await page.close();
  });

  it.each([
    '/',
    '/sign-in',
    '/register',
    '/territories',
    '/territories/UZ-FA-FC-NAV',
    '/territories/UZ-FA-FC-NAV/members',
    '/account',
    '/admin',
  ])('needs no sideways scrolling on a 360px phone at %s', async (path) => {
    const page = await signedIn.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}${path}`);
    await page.locator('main h1').waitFor();

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
