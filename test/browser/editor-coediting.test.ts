import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TestAgent } from '../support/agent';
import { browserTestsEnabled } from '../support/browser';
import {
  documentText,
  listField,
  openEditor,
  pageUrl,
  richText,
  startEditorWorld,
  typeAtEnd,
  waitForText,
  type EditorWorld,
  type OpenEditor,
} from './editor-fixtures';

let world: EditorWorld;
let alice: OpenEditor;
let bob: OpenEditor;

describe.skipIf(!browserTestsEnabled)('co-editing a strategy in two browsers', () => {
  beforeAll(async () => {
    world = await startEditorWorld();
    alice = await openEditor(world, 'editor1@navbahor.example');
    bob = await openEditor(world, 'editor2@navbahor.example');
  });

  afterAll(async () => {
    await world?.close();
  });

  test('each editor sees the other in the list of people present', async () => {
    for (const [viewer, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      await viewer.page
        .locator('.people li', { hasText: other.displayName })
        .waitFor({ timeout: 10_000 });
    }
  });

  test('text typed in the vision reaches the other editor, with a named caret', async () => {
    await typeAtEnd(alice.page, 'vision', ' Alisa yozdi.');
    await waitForText(richText(bob.page, 'vision'), 'Alisa yozdi.');
    const aliceCaret = bob.page.locator(
      'section[aria-labelledby="section-vision"] .collaboration-carets__label',
    );
    await expect.poll(() => aliceCaret.allTextContents()).toContain(alice.displayName);

    await typeAtEnd(bob.page, 'vision', ' Bobur qoʻshdi.');
    await waitForText(richText(alice.page, 'vision'), 'Bobur qoʻshdi.');
    const bobCaret = alice.page.locator(
      'section[aria-labelledby="section-vision"] .collaboration-carets__label',
    );
    await expect.poll(() => bobCaret.allTextContents()).toContain(bob.displayName);

    const aliceText = await documentText(richText(alice.page, 'vision'));
    expect(aliceText).toMatch(/Alisa yozdi\. Bobur qoʻshdi\.$/);
    expect(await documentText(richText(bob.page, 'vision'))).toBe(aliceText);
  }, 60_000);

  test('a goal title typed by one editor appears for the other, marked with who types', async () => {
    const title = (page: OpenEditor['page']) => listField(page, 'goals/G1/title/uz-Latn');
    await title(alice.page).click();
    await alice.page.keyboard.press('End');
    await alice.page.keyboard.type(' (2027)');
    await waitForText(title(bob.page), ' (2027)');
    await bob.page
      .locator('.list-field', { has: title(bob.page) })
      .locator('.presence', { hasText: alice.displayName })
      .waitFor({ timeout: 10_000 });

    await title(bob.page).click();
    await bob.page.keyboard.press('Home');
    await bob.page.keyboard.type('Yangi: ');
    await waitForText(title(alice.page), 'Yangi: ');
    await expect
      .poll(() => title(alice.page).inputValue())
      .toBe(await title(bob.page).inputValue());
    await alice.page
      .locator('.list-field', { has: title(alice.page) })
      .locator('.presence', { hasText: bob.displayName })
      .waitFor({ timeout: 10_000 });
  }, 60_000);

  test('goals added, moved and removed by one editor change for the other', async () => {
    const goalTitles = (editor: OpenEditor) =>
      editor.page
        .locator('section[aria-labelledby="list-goals"] > ol > li textarea[id$="-title-uz-Latn"]')
        .evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value));
    const before = await goalTitles(alice);

    await alice.page.getByRole('button', { name: 'Maqsad qoʻshish' }).click();
    await alice.page.keyboard.type('Yangi maqsad');
    await expect.poll(() => goalTitles(bob)).toEqual([...before, 'Yangi maqsad']);

    await bob.page.getByRole('button', { name: /^Yuqoriga: .*Yangi maqsad/ }).click();
    const moved = [...before.slice(0, -1), 'Yangi maqsad', before.at(-1)!];
    await expect.poll(() => goalTitles(alice)).toEqual(moved);

    await alice.page.getByRole('button', { name: /^Oʻchirish: .*Yangi maqsad/ }).click();
    await alice.page.getByRole('dialog').getByRole('button', { name: 'Ha, oʻchirish' }).click();
    await expect.poll(() => goalTitles(bob)).toEqual(before);
  }, 60_000);

  test('removing a goal asks first, keeps the focus, and leaves its actions’ reference', async () => {
    const { page } = alice;
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    const goalKeys = () =>
      page
        .locator('section[aria-labelledby="list-goals"] > ol > li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-item')));
    const removeG2 = page.locator('[data-key="G2"] > .item-actions button.danger');
    const dialog = page.getByRole('dialog', { name: 'Bandni oʻchirasizmi?' });

    // By keyboard: Escape answers no, and the goal stays.
    await removeG2.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/2-band.*hamma uchun oʻchiriladi/s);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await goalKeys()).toContain('G2');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Oʻchirish',
    );

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => goalKeys()).not.toContain('G2');
    // The focus moves to the next goal instead of falling to <body>.
    await expect.poll(focusedId).toBe('field-goals-G3-title-uz-Latn');

    // An action of the removed goal shows "not chosen", for both editors, and keeps its data.
    for (const editor of [alice, bob]) {
      const goal = listField(editor.page, 'actions/A3/goal');
      await expect.poll(() => goal.inputValue()).toBe('');
      expect(
        await goal.evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.text),
      ).toBe('Tanlanmagan');
    }
    const agent = await new TestAgent(world.server.url).signIn('editor1@navbahor.example');
    const stored = await agent.get(`/api/strategies/${world.strategyId}/document`);
    expect(
      stored.body.actions.find((action: { key: string }) => action.key === 'A3'),
    ).toMatchObject({ goal: 'G2' });

    // Removing the last indicator of a goal leaves the focus on that list's add button.
    await page.locator('[data-key="I5"] .item-actions button.danger').click();
    await dialog.getByRole('button', { name: 'Ha, oʻchirish' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Koʻrsatkich qoʻshish');
  }, 60_000);

  test('a person with two tabs open is listed once', async () => {
    const secondTab = await alice.context.newPage();
    await secondTab.goto(pageUrl(world, `/strategies/${world.strategyId}`));
    const aliceEntry = bob.page.locator('.people li', { hasText: alice.displayName });
    await expect
      .poll(async () => (await aliceEntry.getAttribute('data-client'))?.split(' ').length)
      .toBe(2);
    expect(await aliceEntry.count()).toBe(1);
    const ownEntries = secondTab.locator('.people li', { hasText: alice.displayName });
    await expect.poll(() => ownEntries.getAttribute('data-client')).toMatch(/^\d+ \d+$/);
    expect(await ownEntries.count()).toBe(1);
    expect(await ownEntries.textContent()).toContain('(siz)');

    await secondTab.close();
    await expect
      .poll(async () => (await aliceEntry.getAttribute('data-client'))?.split(' ').length)
      .toBe(1);
  }, 60_000);

  test('an edit reaches the other browser within a blink (measured)', async () => {
    const vision = richText(alice.page, 'vision');
    await vision.click();
    await alice.page.keyboard.press('Control+End');
    const samples: number[] = [];
    for (let sample = 0; sample < 15; sample += 1) {
      const marker = ` m${sample}x`;
      const startedAt = performance.now();
      await alice.page.keyboard.insertText(marker);
      await waitForText(richText(bob.page, 'vision'), marker);
      samples.push(performance.now() - startedAt);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)]!;
    console.log(
      `edit to other browser: median ${median.toFixed(1)} ms, ` +
        `max ${samples.at(-1)!.toFixed(1)} ms over ${samples.length} edits`,
    );
    expect(median).toBeLessThan(500);
  }, 60_000);

  test('the content language switch shows each language’s own text', async () => {
    const { page } = alice;
    const vision = richText(page, 'vision');
    await page.getByRole('radio', { name: 'English' }).check();
    await waitForText(vision, 'By 2030 every resident of Navbahor');
    await expect.poll(() => vision.getAttribute('lang')).toBe('en');
    await waitForText(listField(page, 'values/V2/text/en'), 'Residents decide what is taught');

    await page.getByRole('radio', { name: 'Русский' }).check();
    await expect.poll(() => documentText(vision)).toBe('');
    await typeAtEnd(page, 'vision', 'К 2030 году каждый житель Навбахора учится.');
    await listField(page, 'values/V2/text/ru').fill('Жители сами решают, чему учиться');

    await bob.page.getByRole('radio', { name: 'Русский' }).check();
    await waitForText(richText(bob.page, 'vision'), 'К 2030 году каждый житель');
    await waitForText(listField(bob.page, 'values/V2/text/ru'), 'Жители сами решают');
    expect(await richText(bob.page, 'vision').locator('p').count()).toBe(1);

    await page.getByRole('radio', { name: /Oʻzbekcha/ }).check();
    await waitForText(vision, '2030-yilga borib Navbahorning');
    expect(await vision.textContent()).not.toContain('К 2030');
  }, 60_000);

  test('a translation shows the main language’s text where it is still empty', async () => {
    const { page } = alice;
    const uzbekTitle = await listField(page, 'goals/G3/title/uz-Latn').inputValue();
    await page.getByRole('radio', { name: 'Русский' }).check();

    const title = listField(page, 'goals/G3/title/ru');
    await expect.poll(() => title.getAttribute('aria-describedby')).toBeTruthy();
    const hint = page.locator(`#${await title.getAttribute('aria-describedby')}`);
    expect(await hint.textContent()).toContain('Oʻzbekcha (asosiy til):');
    expect(await hint.textContent()).toContain(uzbekTitle.trim());
    expect(await hint.locator('[lang="uz-Latn"]').count()).toBe(1);

    // The hint stays while the translator types, and goes once the field is left translated.
    await title.fill('Каждый житель учится');
    expect(await hint.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => title.getAttribute('aria-describedby')).toBeNull();
    expect(await hint.count()).toBe(0);

    const mission = richText(page, 'mission');
    const note = page.locator('#section-mission-source');
    await expect
      .poll(() => mission.getAttribute('aria-describedby'))
      .toBe('section-mission-source');
    expect(await note.textContent()).toContain('hali tarjima qilinmagan');
    expect(await note.locator('[lang="uz-Latn"]').textContent()).not.toBe('');
    expect(await note.locator('[contenteditable]').count()).toBe(0);
    expect(await page.locator('#section-vision-source').count()).toBe(0);
  }, 60_000);

  test('the editor page has no serious or critical accessibility violation', async () => {
    const results = await new AxeBuilder({ page: alice.page }).analyze();
    const serious = results.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(
      serious.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
      ),
    ).toEqual([]);
  }, 60_000);
});
