import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserTestsEnabled, launchBrowser, signInThroughForm } from '../support/browser';
import { loadPageHandler } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

describe.runIf(browserTestsEnabled)('signing in and choosing a language in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ pageHandler: await loadPageHandler() });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    return { context, page: await context.newPage() };
  }

  it('signs a demo coordinator in through the form and names them in the header', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, server.url, 'coordinator@navbahor.example');

    const me = await page.evaluate(() => fetch('/api/me').then((response) => response.json()));
    const accountLink = page.locator('header a[href="/account"]');
    await expect(accountLink.textContent()).resolves.toContain(me.user.displayName);
    expect(await page.locator('header a[href="/sign-in"]').count()).toBe(0);
    await context.close();
  });

  it('says in Uzbek that the password is wrong and stays on the form', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${server.url}/sign-in`);
    await page.locator('#sign-in-email').fill('coordinator@navbahor.example');
    await page.locator('#sign-in-password').fill('not the password');
    await page.locator('form button[type="submit"]').click();

    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Elektron pochta yoki parol notoʻgʻri.',
    );
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('switches between Uzbek, Russian and English and remembers the choice', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${server.url}/`);
    const heading = page.locator('h1');
    const switcher = page.getByLabel('Til');

    expect(await page.locator('html').getAttribute('lang')).toBe('uz-Latn');
    expect(await heading.textContent()).toBe(
      'Birga — hududingiz taʼlim strategiyasini birgalikda yozing',
    );
    expect(await page.locator('header nav').textContent()).toContain('Hududlar');

    await switcher.selectOption('ru');
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    expect(await heading.textContent()).toBe(
      'Birga — пишите стратегию образования вашей территории вместе',
    );
    expect(await page.locator('header nav').textContent()).toContain('Территории');

    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('h1').textContent()).toBe(
      'Birga — пишите стратегию образования вашей территории вместе',
    );

    await page.getByLabel('Язык').selectOption('en');
    await page.goto(`${server.url}/sign-in`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    expect(await page.locator('label[for="sign-in-password"]').textContent()).toBe('Password');
    await context.close();
  });

  it('signs out from the account page, after which the API no longer knows the browser', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, server.url, 'editor1@navbahor.example');
    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Tizimdan chiqish' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await expect(page.locator('header a[href="/sign-in"]').count()).resolves.toBe(1);
    const status = await page.evaluate(() => fetch('/api/me').then((response) => response.status));
    expect(status).toBe(401);
    await context.close();
  });

  it('says beside the password field why a registration was refused, in the field’s own words', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${server.url}/register`);
    await page.locator('#register-name').fill('Qisqa Parol');
    await page.locator('#register-email').fill('qisqa@navbahor.example');
    await page.locator('#register-password').fill('qisqa');
    await page.locator('form button[type="submit"]').click();

    const rule = 'Parol kamida 8 ta belgi boʻlsin va faqat boʻsh joylardan iborat boʻlmasin.';
    await expect(page.locator('#register-password-error').textContent()).resolves.toBe(rule);
    expect(await page.locator('#register-password').getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(rule);
    expect(await page.locator('#register-name-error').count()).toBe(0);

    await page.locator('#register-name').fill('Ali\u202Eilav');
    await page.locator('#register-password').fill('yetarlicha-uzun');
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('#register-name-error').textContent()).resolves.toContain(
      'matn yoʻnalishini oʻzgartiruvchi belgilarsiz',
    );
    expect(await page.locator('#register-password-error').count()).toBe(0);
    await context.close();
  });

  it('says beside the new password on the account page that it is too short', async () => {
    const { context, page } = await freshPage();
    await signInThroughForm(page, server.url, 'resident4@navbahor.example');
    await page.goto(`${server.url}/account`);
    await page.locator('#account-current-password').fill('navbahor2027');
    await page.locator('#account-new-password').fill('short');
    await page.getByRole('button', { name: 'Parolni oʻzgartirish' }).click();

    await expect(page.locator('#account-new-password-error').textContent()).resolves.toBe(
      'Parol kamida 8 ta belgi boʻlsin va faqat boʻsh joylardan iborat boʻlmasin.',
    );
    await context.close();
  });

  it('sends a signed-out visitor of /admin to sign in, and back to /admin afterwards', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${server.url}/admin`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin');

    await page.locator('#sign-in-email').fill('admin@birga.example');
    await page.locator('#sign-in-password').fill('navbahor2027');
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/admin');
    await page.locator('#admin-user-filter').waitFor();
    await context.close();
  });
});
