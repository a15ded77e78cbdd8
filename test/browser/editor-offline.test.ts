import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { strategies } from '../../server/storage/schema';
import { browserTestsEnabled } from '../support/browser';
import {
  documentText,
  openEditor,
  openStrategy,
  pageUrl,
  richText,
  saveStatus,
  signInContext,
  startEditorWorld,
  typeAtEnd,
  waitForText,
  type EditorWorld,
  type OpenEditor,
} from './editor-fixtures';

let world: EditorWorld;
let bob: OpenEditor;

/** Records every save status the page shows from now on. */
async function recordStatuses(editor: OpenEditor): Promise<() => Promise<string[]>> {
  await editor.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
    const status = document.querySelector('.save-status')!;
    new MutationObserver(() => seen.push(status.getAttribute('data-status')!)).observe(status, {
      attributes: true,
    });
  });
  return () =>
    editor.page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
}

function unsentRecord(editor: OpenEditor): Promise<string | null> {
  return editor.page.evaluate(
    (userId) => localStorage.getItem(`birga:unsent:${userId}`),
    editor.userId,
  );
}

function setPhase(phase: string): void {
  world.server.deps.db
    .update(strategies)
    .set({ status: phase })
    .where(eq(strategies.documentId, world.documentId))
    .run();
  world.server.deps.collaboration.refreshAccess({ documentId: world.documentId });
}

describe.skipIf(!browserTestsEnabled)('editing while offline', () => {
  beforeAll(async () => {
    world = await startEditorWorld();
    bob = await openEditor(world, 'editor2@navbahor.example');
  });

  afterAll(async () => {
    await world?.close();
  });

  test('an edit made offline reaches the other editor after reconnecting', async () => {
    const alice = await openEditor(world, 'editor1@navbahor.example');
    await alice.context.setOffline(true);
    await saveStatus(alice.page, 'offline');

    await typeAtEnd(alice.page, 'mission', ' Oflayn yozilgan jumla.');
    expect(await unsentRecord(alice)).toContain(world.documentId);
    await bob.page.waitForTimeout(500);
    expect(await documentText(richText(bob.page, 'mission'))).not.toContain('Oflayn yozilgan');

    const statuses = await recordStatuses(alice);
    await alice.context.setOffline(false);
    await waitForText(richText(bob.page, 'mission'), 'Oflayn yozilgan jumla.');
    await saveStatus(alice.page, 'saved');
    expect(await statuses()).toContain('saving');
    expect(await unsentRecord(alice)).toBeNull();
    await alice.context.close();
  }, 60_000);

  test('an edit made offline is sent after the tab was closed and opened again', async () => {
    const alice = await openEditor(world, 'editor1@navbahor.example');
    await alice.context.setOffline(true);
    await saveStatus(alice.page, 'offline');
    await typeAtEnd(alice.page, 'monitoring', ' Yopilgan varaqdan.');
    // y-indexeddb writes in the background; give it a moment before the tab goes away.
    await alice.page.waitForTimeout(300);
    await alice.page.close();

    await alice.context.setOffline(false);
    alice.page = await alice.context.newPage();
    await openStrategy(world, alice);
    await waitForText(richText(bob.page, 'monitoring'), 'Yopilgan varaqdan.');
    await saveStatus(alice.page, 'saved');
    expect(await unsentRecord(alice)).toBeNull();
    await alice.context.close();
  }, 60_000);

  test('edits that the server refused because the text was locked can be copied', async () => {
    const alice = await openEditor(world, 'editor1@navbahor.example');
    await alice.context.setOffline(true);
    await saveStatus(alice.page, 'offline');
    await typeAtEnd(alice.page, 'vision', ' Qulflangan matn.');
    await alice.page.waitForTimeout(300);
    await alice.page.close();

    setPhase('review');
    try {
      await alice.context.setOffline(false);
      await alice.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: pageUrl(world, '/').replace(/\/$/, ''),
      });
      alice.page = await alice.context.newPage();
      await alice.page.goto(pageUrl(world, `/strategies/${world.strategyId}`));

      const unsent = alice.page.locator('section.unsent');
      await unsent.waitFor({ timeout: 15_000 });
      const visionText = unsent.locator('textarea').first();
      expect(await visionText.inputValue()).toContain('Qulflangan matn.');
      expect(await unsent.locator('textarea').count()).toBe(1);

      await unsent.getByRole('button', { name: /Istiqbol/ }).click();
      await expect
        .poll(() => alice.page.evaluate(() => navigator.clipboard.readText()))
        .toContain('Qulflangan matn.');

      expect(await richText(alice.page, 'vision').getAttribute('contenteditable')).toBe('false');
      expect(await alice.page.locator('button', { hasText: 'Maqsad qoʻshish' }).count()).toBe(0);
      expect(await documentText(richText(bob.page, 'vision'))).not.toContain('Qulflangan');
    } finally {
      setPhase('draft');
      await alice.context.close();
    }
  }, 60_000);

  test('a reader sees the whole strategy but cannot change it', async () => {
    const expert = await signInContext(world, 'expert@navbahor.example');
    await openStrategy(world, expert);
    await waitForText(richText(expert.page, 'vision'), '2030-yilga borib');
    expect(await richText(expert.page, 'vision').getAttribute('contenteditable')).toBe('false');
    expect(
      await expert.page.locator('#field-goals-G1-title-uz-Latn').getAttribute('readonly'),
    ).toBe('');
    expect(await expert.page.locator('.people li', { hasText: expert.displayName }).count()).toBe(
      1,
    );

    // Read-only controls and a phone's width must stay accessible too.
    await expert.page.setViewportSize({ width: 390, height: 800 });
    const results = await new AxeBuilder({ page: expert.page }).analyze();
    const serious = results.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(serious.map((violation) => violation.id)).toEqual([]);
    await expert.context.close();
  }, 60_000);
});
