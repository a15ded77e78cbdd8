/**
 * What the editor's browser tests share: a real server with the built pages and the demo seed,
 * Chromium, and people signed in with the Navbahor strategy open in their own browser context.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { TestAgent, DEMO_PASSWORD } from '../support/agent';
import { launchBrowser } from '../support/browser';
import { loadPageHandler } from '../support/pages';
import { startTestServer, type TestServer } from '../support/server';

export interface EditorWorld {
  server: TestServer;
  browser: Browser;
  strategyId: string;
  documentId: string;
  close(): Promise<void>;
}

export interface OpenEditor {
  context: BrowserContext;
  page: Page;
  displayName: string;
  userId: string;
}

export async function startEditorWorld(): Promise<EditorWorld> {
  const server = await startTestServer({ pageHandler: await loadPageHandler() });
  const browser = await launchBrowser();
  const agent = await new TestAgent(server.url).signIn('editor1@navbahor.example');
  const strategy = await agent.get('/api/territories/UZ-FA-FC-NAV/strategies/2027');
  return {
    server,
    browser,
    strategyId: strategy.body.id,
    documentId: strategy.body.documentId,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The page's own origin: the server accepts localhost on its port as well as 127.0.0.1. */
export function pageUrl(world: EditorWorld, pathname: string): string {
  return new URL(pathname, world.server.url.replace('127.0.0.1', 'localhost')).href;
}

export async function signInContext(world: EditorWorld, email: string): Promise<OpenEditor> {
  const context = await world.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const origin = pageUrl(world, '/').replace(/\/$/, '');
  const response = await context.request.post(`${origin}/api/session`, {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin },
  });
  if (response.status() !== 200) throw new Error(`Sign-in as ${email}: ${response.status()}`);
  const me = (await response.json()) as { user: { id: string; displayName: string } };
  const page = await context.newPage();
  return { context, page, displayName: me.user.displayName, userId: me.user.id };
}

/** Opens the strategy in the editor and waits until it is synced with the server. */
export async function openStrategy(world: EditorWorld, editor: OpenEditor): Promise<void> {
  await editor.page.goto(pageUrl(world, `/strategies/${world.strategyId}`));
  await saveStatus(editor.page, 'saved');
}

export async function openEditor(world: EditorWorld, email: string): Promise<OpenEditor> {
  const editor = await signInContext(world, email);
  await openStrategy(world, editor);
  return editor;
}

export function saveStatus(page: Page, status: string, timeout = 15_000): Promise<unknown> {
  return page.locator(`.save-status[data-status="${status}"]`).waitFor({ timeout });
}

export function richText(page: Page, section: string): Locator {
  return page.locator(`section[aria-labelledby="section-${section}"] .ProseMirror`);
}

export function listField(page: Page, path: string): Locator {
  return page.locator(`#field-${path.replace(/[^A-Za-z0-9-]/g, '-')}`);
}

/** Puts the caret at the end of a rich-text section and types there. */
export async function typeAtEnd(page: Page, section: string, text: string): Promise<void> {
  await richText(page, section).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

export async function waitForText(locator: Locator, text: string, timeout = 10_000) {
  await locator.page().waitForFunction(
    ([element, expected]) => {
      const node = element as HTMLElement | HTMLTextAreaElement | null;
      const value = node && 'value' in node ? node.value : node?.textContent;
      return (value ?? '').includes(expected as string);
    },
    [await locator.elementHandle(), text] as const,
    { timeout, polling: 'raf' },
  );
}

/** A rich-text section's text without the other people's caret labels inside it. */
export function documentText(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });
}
