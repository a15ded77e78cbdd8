import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grantMembership } from '../../server/accounts/users';
import { strategies } from '../../server/storage/schema';
import { TestAgent } from '../support/agent';
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

  test('losing the role stops editing at once, offers what was typed, and the reload when it is back', async () => {
    const alice = await signInContext(world, 'editor1@navbahor.example');
    // The socket between page and server, where the test can hold back what the page sends.
    let holding = false;
    await alice.page.routeWebSocket(/\/collab\//, (page) => {
      const server = page.connectToServer();
      page.onMessage((message) => {
        if (!holding) server.send(message);
      });
    });
    await openStrategy(world, alice);
    const ownEntry = alice.page.locator('.people li', { hasText: '(siz)' });
    await expect.poll(() => ownEntry.locator('.role').textContent()).toBe('Ishchi guruh aʼzosi');

    holding = true;
    await typeAtEnd(alice.page, 'mission', ' Huquq olingan paytda.');
    const coordinator = await new TestAgent(world.server.url).signIn(
      'coordinator@navbahor.example',
    );
    const removed = await coordinator.delete(
      `/api/territories/UZ-FA-FC-NAV/members/${alice.userId}/editor`,
    );
    expect(removed.status).toBe(204);

    try {
      await saveStatus(alice.page, 'closed');
      expect(await alice.page.locator('.save-status').textContent()).toContain(
        'Tahrirlar saqlanmaydi',
      );
      expect(await alice.page.getByRole('alert').first().textContent()).toContain(
        'kirish huquqingiz oʻzgardi',
      );
      expect(await richText(alice.page, 'mission').getAttribute('contenteditable')).toBe('false');
      expect(
        await alice.page.locator('#field-goals-G1-title-uz-Latn').getAttribute('readonly'),
      ).toBe('');
      expect(await ownEntry.locator('.role').count()).toBe(0);

      const unsent = alice.page.locator('section.unsent');
      await unsent.waitFor({ timeout: 10_000 });
      expect(await unsent.textContent()).toContain('Server ulanishni uzdi');
      expect(await unsent.locator('textarea').first().inputValue()).toContain(
        'Huquq olingan paytda.',
      );
      expect(await documentText(richText(bob.page, 'mission'))).not.toContain('Huquq olingan');
    } finally {
      // Coordinators give roles back by invitation; the store does here what accepting one does.
      grantMembership(world.server.deps.db, {
        userId: alice.userId,
        territoryCode: 'UZ-FA-FC-NAV',
        role: 'editor',
      });
      world.server.deps.collaboration.refreshAccess({ userId: alice.userId });
    }

    const reload = alice.page.getByRole('button', { name: 'Sahifani qayta yuklash' });
    await reload.waitFor({ timeout: 15_000 });
    expect(await alice.page.getByRole('alert').first().textContent()).toContain(
      'huquqingiz qaytdi',
    );
    holding = false;
    await reload.click();
    await waitForText(richText(bob.page, 'mission'), 'Huquq olingan paytda.');
    await saveStatus(alice.page, 'saved');
    await alice.context.close();
  }, 90_000);

  test('a page opened offline says so and loads when the connection returns', async () => {
    const alice = await openEditor(world, 'editor1@navbahor.example');
    await alice.page.locator('.facts a[href="/territories/UZ-FA-FC-NAV"]').click();
    const strategyLink = alice.page.locator(`a[href="/strategies/${world.strategyId}"]`);
    await strategyLink.waitFor();

    await alice.context.setOffline(true);
    await strategyLink.click();
    const notice = alice.page.getByRole('alert');
    await waitForText(notice, 'Internet aloqasi yoʻq');
    expect(await notice.textContent()).toContain('sahifa oʻzi yuklanadi');

    await alice.context.setOffline(false);
    await saveStatus(alice.page, 'saved');
    await alice.context.close();
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
