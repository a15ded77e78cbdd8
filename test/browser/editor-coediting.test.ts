import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserTestsEnabled } from '../support/browser';
import {
  documentText,
  listField,
  openEditor,
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
    await expect.poll(() => goalTitles(bob)).toEqual(before);
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
