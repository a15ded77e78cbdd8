import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { compareUzbek } from '../../shared/search/uzbek';
import { browserTestsEnabled, launchBrowser, signInThroughForm } from '../support/browser';
import { loadPageHandler } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

const FERGANA_SPELLINGS = [
  'Fargʻona',
  "Farg'ona",
  'Farg‘ona',
  'Farg’ona',
  'Fargʼona',
  'Farg`ona',
  'FARGʻONA',
  'fargona',
  'Фарғона',
  'ФАРҒОНА',
];
const NAVBAHOR_SPELLINGS = ['Navbahor', 'navbahor', 'NAVBAHOR', 'Навбаҳор', 'навбаҳор'];

describe.runIf(browserTestsEnabled)('the territory tree and a territory page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ pageHandler: await loadPageHandler() });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tree = () => page.getByRole('navigation', { name: 'Hududlar daraxti' });

  async function search(query: string) {
    await page.getByLabel('Hududni qidirish').fill(query);
  }

  it('lists the regions in Uzbek alphabetical order', async () => {
    await page.goto(`${server.url}/territories`);
    const regionLinks = page.locator('#children-UZ > ul > li > .row > a');
    await regionLinks.first().waitFor();
    const regions = await regionLinks.allTextContents();

    expect(regions.length).toBeGreaterThan(10);
    expect(regions).toEqual([...regions].sort(compareUzbek));
    expect(regions.indexOf('Qoraqalpogʻiston Respublikasi')).toBeLessThan(
      regions.indexOf('Samarqand viloyati'),
    );
  });

  it.each(FERGANA_SPELLINGS)('finds Fargʻona typed as %s', async (query) => {
    await page.goto(`${server.url}/territories`);
    await search(query);

    await expect(tree().getByRole('link', { name: 'Fargʻona viloyati' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(tree().getByRole('link', { name: 'Xorazm viloyati' }).count()).resolves.toBe(0);
  });

  it.each(NAVBAHOR_SPELLINGS)(
    'finds Navbahor typed as %s and keeps its ancestors',
    async (query) => {
      await page.goto(`${server.url}/territories`);
      await search(query);

      const links = await tree().getByRole('link').allTextContents();
      expect(links).toEqual([
        'Oʻzbekiston Respublikasi',
        'Fargʻona viloyati',
        'Fargʻona shahri',
        'Navbahor mahallasi',
      ]);
      await expect(page.getByRole('status').first().textContent()).resolves.toContain('1');
    },
  );

  it('opens a territory with its breadcrumb and, for its coordinator, the 2027 strategy', async () => {
    await signInThroughForm(page, server.url, 'coordinator@navbahor.example');
    await page.goto(`${server.url}/territories`);
    await search('Navbahor');
    await tree().getByRole('link', { name: 'Navbahor mahallasi' }).click();
    await page.waitForURL((url) => url.pathname === '/territories/UZ-FA-FC-NAV');

    const breadcrumb = page.getByRole('navigation', { name: 'Sahifa yoʻli' });
    expect(await breadcrumb.getByRole('link').allTextContents()).toEqual([
      'Hududlar',
      'Oʻzbekiston Respublikasi',
      'Fargʻona viloyati',
      'Fargʻona shahri',
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Navbahor mahallasi');

    const strategy = page.locator('.strategies li').filter({ hasText: '2027' });
    const href = await strategy.getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/strategies\/[A-Za-z0-9_-]+$/);
    await expect(strategy.textContent()).resolves.toContain('Loyiha');
    await expect(page.getByRole('link', { name: 'Aʼzolar va takliflar' }).count()).resolves.toBe(1);
  });
});
