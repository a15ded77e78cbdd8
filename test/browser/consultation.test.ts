/**
 * The public consultation in Chromium, on the demo seed: the coordinator opens it from the
 * settings page, a resident comments and votes, a newcomer redeems a code, and once the server's
 * clock passes the closing moment anyone reads the results. The clock is moved, never slept on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { setConsultationClock } from '../../server/consultation/clock';
import { TestAgent } from '../support/agent';
import { browserTestsEnabled, launchBrowser, signInThroughForm } from '../support/browser';
import { loadPageHandler } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

const NAV = 'UZ-FA-FC-NAV';
const YEAR = new Date().getUTCFullYear() + 1;
const CLOSES_LOCAL = `${YEAR}-03-31T23:00`;
const CLOSES_UTC = `${YEAR}-03-31T18:00:00.000Z`;

/** A skill title in each apostrophe form people type for oʻ, with Cyrillic and emoji beside. */
const APOSTROPHE_TITLES = ['ʻ', '‘', "'", '’', 'ʼ'].map((mark) => ({
  'uz-Latn': `O${mark}zbek tilida ish yozishmalari, g${mark}oyalar taqdimoti 📝`,
  ru: `Деловая переписка на ўзбекском «${mark}» 📝`,
  en: `Business writing in Uzbek (o${mark}) & presentations`,
}));

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

describe.runIf(browserTestsEnabled)('the public consultation in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let coordinator: BrowserContext;
  let coordinatorApi: TestAgent;
  let strategyId: string;

  const url = (path: string) => `${server.url}${path}`;

  async function newContext(locale?: string, timezoneId?: string) {
    const context = await browser.newContext({
      timezoneId,
      viewport: { width: 1100, height: 900 },
    });
    if (locale) await context.addCookies([{ name: 'birga_lang', value: locale, url: server.url }]);
    return context;
  }

  async function signedInPage(email: string, locale?: string): Promise<Page> {
    const context = await newContext(locale);
    const page = await context.newPage();
    await signInThroughForm(page, server.url, email);
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ pageHandler: await loadPageHandler() });
    browser = await launchBrowser();
    coordinatorApi = await new TestAgent(server.url).signIn('coordinator@navbahor.example');
    strategyId = (await coordinatorApi.get(`/api/territories/${NAV}/strategies/2027`)).body.id;
    // The coordinator's browser runs on UTC, as a laptop abroad would; the pages use Tashkent time.
    coordinator = await newContext('en', 'UTC');
    await signInThroughForm(
      await coordinator.newPage(),
      server.url,
      'coordinator@navbahor.example',
    );
  });

  afterAll(async () => {
    if (server) setConsultationClock(server.deps, undefined);
    await browser?.close();
    await server?.close();
  });

  it('opens the consultation from the settings page with the closing moment in Tashkent time', async () => {
    const page = await coordinator.newPage();
    await page.goto(url(`/strategies/${strategyId}/consultation-settings`));
    await page.locator('#window-closes').fill(CLOSES_LOCAL);
    await page.locator('#window-votes').fill('3');
    await page.getByRole('button', { name: 'Open the consultation' }).click();
    await page.getByText('The consultation is open.').waitFor();

    const stored = await coordinatorApi.get(`/api/strategies/${strategyId}/consultation`);
    expect(stored.body.closesAt).toBe(CLOSES_UTC);
    expect(stored.body.state).toBe('open');

    await page.reload();
    await expect(page.locator('#window-closes').inputValue()).resolves.toBe(CLOSES_LOCAL);
    await page.getByRole('link', { name: 'Public page' }).click();
    await expect(page.locator('.consultation-header').innerText()).resolves.toContain('11:00 PM');
    await page.close();
  });

  it('lets a resident comment on a goal, vote for two skills and see one vote left', async () => {
    const page = await signedInPage('resident1@navbahor.example', 'en');
    await page.goto(url(`/strategies/${strategyId}/consultation`));

    const goal = page.locator('li[data-goal="G1"]');
    await goal.locator('summary').first().click();
    const body = 'Kurslar shanba kuni ham boʻlsa yaxshi boʻlardi 👵💻';
    await goal.locator('#comment-on-goal-G1').fill(body);
    await goal.getByRole('button', { name: 'Post comment' }).click();
    await expect(goal.locator('.comment .body').first().innerText()).resolves.toBe(body);
    await expect(goal.locator('summary').first().innerText()).resolves.toBe('Comments (1)');

    await expect(page.locator('#vote-budget').innerText()).resolves.toBe('3 of 3 votes left');
    for (const skill of ['S1', 'S2']) {
      await page
        .locator(`li[data-skill="${skill}"]`)
        .getByRole('button', { name: /^Vote/ })
        .click();
      await page.locator(`li[data-skill="${skill}"] .voted`).waitFor();
    }
    await expect(page.locator('#vote-budget').innerText()).resolves.toBe('1 of 3 votes left');

    const mine = await page.request.get(url(`/api/strategies/${strategyId}/votes/mine`));
    expect((await mine.json()).remaining).toBe(1);
    await page.context().close();
  });

  it('takes the reply control away at the deepest level', async () => {
    const resident = await new TestAgent(server.url).signIn('resident1@navbahor.example');
    let parentId: string | undefined;
    for (let depth = 0; depth <= 3; depth += 1) {
      const posted = await resident.post(`/api/strategies/${strategyId}/comments`, {
        target: 'vision',
        parentId,
        body: `Daraja ${depth}`,
      });
      parentId = posted.body.id;
    }

    const page = await signedInPage('resident1@navbahor.example', 'en');
    await page.goto(url(`/strategies/${strategyId}/consultation`));
    const thread = page.locator('details.thread[data-target="vision"]');
    await thread.locator('summary').click();
    const deepest = thread.locator(`#comment-${parentId}`);
    await deepest.waitFor();
    await expect(deepest.getByRole('button', { name: 'Reply' }).count()).resolves.toBe(0);
    await expect(deepest.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(1);
    const parent = thread.locator('li.comment', { hasText: 'Daraja 2' }).first();
    await expect(
      parent.locator('> article').getByRole('button', { name: 'Reply' }).count(),
    ).resolves.toBe(1);
    await page.context().close();
  });

  it('keeps a skill title in each apostrophe form exactly as typed, in the page and the edit form', async () => {
    const page = await coordinator.newPage();
    await page.goto(url(`/strategies/${strategyId}/consultation-settings`));
    for (const [index, title] of APOSTROPHE_TITLES.entries()) {
      for (const [language, text] of Object.entries(title)) {
        await page.locator(`#new-skill-title-${language}`).fill(text);
      }
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.locator(`li[data-skill="CS${index + 1}"]`).waitFor();
      await expect.poll(() => page.locator('#new-skill-title-uz-Latn').inputValue()).toBe('');
    }

    const skills = (await coordinatorApi.get(`/api/strategies/${strategyId}/consultation/skills`))
      .body as { key: string; source: string; title: Record<string, string> }[];
    const added = skills.filter((skill) => skill.source === 'consultation');
    expect(added.map((skill) => skill.title)).toEqual(APOSTROPHE_TITLES);

    for (const skill of added) {
      const row = page.locator(`li[data-skill="${skill.key}"]`);
      await row.getByRole('button', { name: /^Edit/ }).click();
      for (const [language, text] of Object.entries(skill.title)) {
        await expect(
          row.locator(`#skill-${skill.key}-title-${language}`).inputValue(),
        ).resolves.toBe(text);
      }
      await row.getByRole('button', { name: 'Save', exact: true }).click();
      await row.locator(`#skill-${skill.key}-title-uz-Latn`).waitFor({ state: 'detached' });
    }
    const audit = await coordinatorApi.get(`/api/strategies/${strategyId}/audit`);
    const actions = (audit.body as { action: string }[]).map((entry) => entry.action);
    expect(actions).not.toContain('consultation_skill_changed');

    for (const locale of ['uz-Latn', 'ru', 'en'] as const) {
      const reader = await (await newContext(locale)).newPage();
      await reader.goto(url(`/strategies/${strategyId}/consultation`));
      for (const skill of added) {
        const shown = reader.locator(`li[data-skill="${skill.key}"] .skill-title`);
        await expect(shown.textContent()).resolves.toBe(skill.title[locale]);
      }
      const text = await reader.locator('main').innerText();
      expect(text).not.toMatch(/&#39;|&amp;|&#x27;/);
      await reader.context().close();
    }
    await page.close();
  });

  it('lets a signed-out visitor read the threads and invites them to sign in', async () => {
    const page = await (await newContext('en')).newPage();
    await page.goto(url(`/strategies/${strategyId}/consultation`));
    await page.locator('.consultation-header').getByRole('link', { name: 'Sign in' }).waitFor();
    await expect(page.getByRole('button', { name: /^Vote/ }).count()).resolves.toBe(0);
    const goal = page.locator('li[data-goal="G1"]');
    await goal.locator('summary').first().click();
    await expect(goal.locator('.comment .body').first().innerText()).resolves.toContain('shanba');
    await expect(goal.locator('textarea').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('shows an unverified account how to become a resident, and translates a used code', async () => {
    const sheet = await coordinator.newPage();
    await sheet.goto(url(`/strategies/${strategyId}/consultation-settings/codes`));
    await sheet.locator('#codes-count').fill('2');
    await sheet.getByRole('button', { name: 'Create and show for printing' }).click();
    const code = (await sheet.locator('.slip-code code').first().innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await sheet.close();

    const page = await signedInPage('resident2@navbahor.example');
    await page.goto(url(`/strategies/${strategyId}/consultation`));
    await page.getByRole('link', { name: 'Aholi kodini kiritish' }).click();
    await page.locator('#resident-code').fill(code.toLowerCase().replaceAll('-', ''));
    await page.getByRole('button', { name: 'Kodni tasdiqlash' }).click();
    await page.getByText('Tayyor: endi siz').waitFor();
    await page.getByRole('link', { name: 'Davom etish' }).click();
    await page.waitForURL((address) => address.pathname.endsWith('/consultation'));
    await expect(page.locator('#vote-budget').innerText()).resolves.toBe(
      '3 ta ovozdan 3 tasi qoldi',
    );
    await page.context().close();

    const other = await signedInPage('resident3@navbahor.example', 'ru');
    await other.goto(url(`/territories/${NAV}/residency`));
    await other.locator('#resident-code').fill(code);
    await other.getByRole('button', { name: 'Подтвердить код' }).click();
    await other.getByRole('alert').filter({ hasText: 'Этот код уже использован.' }).waitFor();
    await other.locator('#resident-code').fill('AAAA-BBBB-CCCC');
    await other.getByRole('button', { name: 'Подтвердить код' }).click();
    await other.getByRole('alert').filter({ hasText: 'Такого кода жителя нет.' }).waitFor();
    await other.context().close();
  });

  it('finds no serious accessibility violation on the consultation and coordinator pages', async () => {
    const pages: [BrowserContext, string, string][] = [
      [coordinator, `/strategies/${strategyId}/consultation`, '#vote-budget, .skills'],
      [coordinator, `/strategies/${strategyId}/results`, '.results-chart'],
      [coordinator, `/strategies/${strategyId}/consultation-settings`, '#window-closes'],
      [coordinator, `/strategies/${strategyId}/consultation-settings/codes`, '#codes-count'],
      [coordinator, `/strategies/${strategyId}/consultation-settings/paper-votes`, '#paper-skill'],
      [coordinator, `/strategies/${strategyId}/consultation-settings/moderation`, 'main h1'],
      [coordinator, `/strategies/${strategyId}/consultation-settings/audit`, 'table'],
      [coordinator, `/territories/${NAV}/residency`, 'main h1'],
    ];
    for (const [context, path, ready] of pages) {
      const page = await context.newPage();
      await page.goto(url(path));
      await page.locator(ready).first().waitFor();
      await page
        .locator('details.thread')
        .evaluateAll((threads) => threads.forEach((thread) => thread.setAttribute('open', '')));
      expect(await seriousViolations(page), path).toEqual([]);

      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.close();
    }
  });

  it('shows the public results with their chart, without signing in, once the window has closed', async () => {
    const anonymous = await (await newContext('en')).newPage();
    await anonymous.goto(url(`/strategies/${strategyId}/results`));
    await anonymous.getByText('The results are published when the consultation closes').waitFor();

    setConsultationClock(server.deps, () => Date.parse(CLOSES_UTC) + 1_000);
    await anonymous.reload();
    const chart = anonymous.locator('figure.results-chart');
    await chart.waitFor();
    for (const skill of ['S1', 'S2']) {
      await expect(
        chart.locator(`li[data-skill="${skill}"] .numbers`).innerText(),
      ).resolves.toMatch(/^Votes: 1 \(50%\); 1 online, 0 on paper$/);
    }
    await expect(
      anonymous.locator('table.results-table tbody tr').count(),
    ).resolves.toBeGreaterThan(10);
    await expect(
      anonymous.getByRole('link', { name: 'Download CSV' }).getAttribute('href'),
    ).resolves.toBe(`/api/strategies/${strategyId}/results?format=csv`);
    expect(await seriousViolations(anonymous)).toEqual([]);

    await anonymous.goto(url(`/strategies/${strategyId}/consultation`));
    await expect(anonymous.locator('.state').getAttribute('data-state')).resolves.toBe('closed');
    await anonymous.context().close();
  });
});
