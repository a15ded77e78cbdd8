/**
 * The element Tiptap shows for another person's caret in rich text: a line in their colour with
 * their name above it. The name comes from awareness, which the server sets from the session.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#555555';
  const name = typeof user.name === 'string' ? user.name : '';

  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;

  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = name;

  caret.append(label);
  return caret;
}
