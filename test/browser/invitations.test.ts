import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTestsEnabled, launchBrowser, signInThroughForm } from '../support/browser';
import { loadPageHandler } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

describe.runIf(browserTestsEnabled)('invitation and password reset links in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let coordinator: Page;

  beforeAll(async () => {
    server = await startTestServer({ pageHandler: await loadPageHandler() });
    browser = await launchBrowser();
    coordinator = await (await browser.newContext()).newPage();
    await signInThroughForm(coordinator, server.url, 'coordinator@navbahor.example');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPerson(): Promise<Page> {
    return (await browser.newContext()).newPage();
  }

  it('lets a new person register through an invitation link and gain its role once', async () => {
    await coordinator.goto(`${server.url}/territories/UZ-FA-FC-NAV/members`);
    await coordinator.locator('#invite-role').selectOption('editor');
    await coordinator.getByRole('button', { name: 'Havola yaratish' }).click();
    const link = await coordinator.locator('#invitation-link').inputValue();
    expect(new URL(link).pathname).toMatch(/^\/invitations\/\w+$/);
    const invitationPath = new URL(link).pathname;

    const person = await newPerson();
    await person.goto(`${server.url}${invitationPath}`);
    await expect(person.locator('main .lead').textContent()).resolves.toBe(
      'Sizni “Navbahor mahallasi” hududiga taklif qilishdi. Rol: Ishchi guruh aʼzosi.',
    );
    await person.getByRole('link', { name: 'Hisob yaratish' }).click();
    await person.locator('#register-name').fill('Sardor Aliyev');
    await person.locator('#register-email').fill('sardor@navbahor.example');
    await person.locator('#register-password').fill('yangi-parol-2027');
    await person.locator('form button[type="submit"]').click();
    await person.waitForURL((url) => url.pathname === invitationPath);

    await person.getByRole('button', { name: 'Taklifni qabul qilish' }).click();
    await expect(person.getByRole('status').first().textContent()).resolves.toContain(
      'Taklif qabul qilindi',
    );
    const me = await person.evaluate(() => fetch('/api/me').then((response) => response.json()));
    expect(me.memberships).toContainEqual({ territoryCode: 'UZ-FA-FC-NAV', role: 'editor' });

    await person.goto(`${server.url}${invitationPath}`);
    await expect(person.getByRole('alert').textContent()).resolves.toContain('yaroqsiz');
  });

  it('lets a member set a new password through a reset link issued by the coordinator', async () => {
    await coordinator.goto(`${server.url}/territories/UZ-FA-FC-NAV/members`);
    await coordinator
      .getByRole('button', { name: 'Sardor Aliyev uchun parolni tiklash havolasini yaratish' })
      .click();
    const link = await coordinator.locator('#member-reset-link').inputValue();

    const person = await newPerson();
    await person.goto(`${server.url}${new URL(link).pathname}`);
    await expect(person.locator('main p').first().textContent()).resolves.toContain(
      'sardor@navbahor.example',
    );
    await person.locator('#reset-password').fill('boshqa-parol-2028');
    await person.getByRole('button', { name: 'Yangi parolni saqlash' }).click();
    await person.getByRole('status').first().waitFor();

    await signInThroughForm(person, server.url, 'sardor@navbahor.example', 'boshqa-parol-2028');
    await expect(person.locator('header a[href="/account"]').textContent()).resolves.toContain(
      'Sardor Aliyev',
    );
  });
});
