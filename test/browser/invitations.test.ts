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
      .getByRole('button', { name: 'Parol havolasi: Sardor Aliyev', exact: true })
      .click();
    const link = await coordinator.locator('#member-reset-link').inputValue();

    const person = await newPerson();
    await person.goto(`${server.url}${new URL(link).pathname}`);
    await expect(person.locator('main p').first().textContent()).resolves.toContain(
      'sardor@navbahor.example',
    );
    await person.locator('#reset-password').fill('qisqa');
    await person.getByRole('button', { name: 'Yangi parolni saqlash' }).click();
    await expect(person.locator('#reset-password-error').textContent()).resolves.toBe(
      'Parol kamida 8 ta belgi boʻlsin va faqat boʻsh joylardan iborat boʻlmasin.',
    );
    await expect(person.getByRole('alert').textContent()).resolves.not.toContain(
      'Kiritilgan qiymatlarni tekshiring',
    );

    await person.locator('#reset-password').fill('boshqa-parol-2028');
    await person.getByRole('button', { name: 'Yangi parolni saqlash' }).click();
    await person.getByRole('status').first().waitFor();

    await signInThroughForm(person, server.url, 'sardor@navbahor.example', 'boshqa-parol-2028');
    await expect(person.locator('header a[href="/account"]').textContent()).resolves.toContain(
      'Sardor Aliyev',
    );
  });

  it('tells someone signed in with another address whose invitation it is, before any button', async () => {
    await coordinator.goto(`${server.url}/territories/UZ-FA-FC-NAV/members`);
    await coordinator.locator('#invite-role').selectOption('expert');
    await coordinator.locator('#invite-email').fill('dilshod@navbahor.example');
    await coordinator.getByRole('button', { name: 'Havola yaratish' }).click();
    const link = await coordinator.locator('#invitation-link').inputValue();
    const expiry = coordinator.locator('.invitations li').filter({ hasText: 'dilshod@' });
    await expect(expiry.locator('.muted').textContent()).resolves.toMatch(
      /^Amal qilish muddati: \d{1,2}-(yanvar|fevral|mart|aprel|may|iyun|iyul|avgust|sentabr|oktabr|noyabr|dekabr) \d{4}, \d{2}:\d{2}$/,
    );

    const person = await newPerson();
    await signInThroughForm(person, server.url, 'resident2@navbahor.example');
    await person.goto(`${server.url}${new URL(link).pathname}`);
    const notice = person.locator('#invitation-other-address');
    await expect(notice.textContent()).resolves.toContain(
      'Bu taklif boshqa elektron pochta manzili (d***@navbahor.example) uchun yaratilgan.',
    );
    expect(await person.locator('main').textContent()).not.toContain('dilshod');
    expect(await person.getByRole('button', { name: 'Taklifni qabul qilish' }).count()).toBe(0);
    await person.getByRole('link', { name: 'Boshqa hisob bilan kirish' }).click();
    await person.waitForURL((url) => url.pathname === '/sign-in');
  });

  it('warns a coordinator removing their own role, and keeps the last coordinator', async () => {
    await coordinator.goto(`${server.url}/territories/UZ-FA-FC-NAV/members`);
    await coordinator
      .getByRole('button', { name: 'Rolni olib tashlash: Dilnoza Karimova, “Koordinator”' })
      .click();
    const dialog = coordinator.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('Bu sizning oʻz rolingiz');
    await dialog.getByRole('button', { name: 'Rolni olib tashlash' }).click();

    await expect(coordinator.getByRole('alert').textContent()).resolves.toBe(
      'Siz bu hududning yagona koordinatorisiz. Avval bu rolni boshqa kishiga bering.',
    );
    const me = await coordinator.evaluate(() => fetch('/api/me').then((r) => r.json()));
    expect(me.memberships).toContainEqual({ territoryCode: 'UZ-FA-FC-NAV', role: 'coordinator' });
  });
});
