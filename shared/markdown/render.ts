/**
 * Renders what people write (comment bodies) from Markdown to HTML that is safe to insert into a
 * page. Raw HTML is off, so no tag or attribute a person types reaches the page; links and images
 * keep only http, https and mailto addresses (or relative ones). A link whose address is refused
 * keeps its text and loses the address, so `[Batafsil](javascript:alert(1))` becomes "Batafsil".
 * Apostrophes and quotes are left exactly as typed (no typographer).
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// Browsers skip these inside a URL's scheme (java\tscript: runs), so the check does too.
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g;

function decoded(address: string): string {
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

/** Whether an address may become an href or src: no javascript:, data:, vbscript: in any case. */
export function isSafeAddress(address: string): boolean {
  for (const form of [address, decoded(address)]) {
    const scheme = SCHEME.exec(form.replace(IGNORED_IN_SCHEME, ''));
    if (scheme && !ALLOWED_SCHEMES.has(scheme[1]!.toLowerCase())) return false;
  }
  return true;
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

// Every address is let through the parser so that the rule below, not markdown-it's smaller
// list, decides; a refused link then loses its address instead of showing it as text.
markdown.validateLink = () => true;

function dropUnsafeLinks(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  const unsafeDepths: boolean[] = [];
  let skippingAddress = false;
  for (const token of tokens) {
    if (token.type === 'link_open') {
      const unsafe = !isSafeAddress(token.attrGet('href') ?? '');
      unsafeDepths.push(unsafe);
      // An autolink's text is its address, so a refused one leaves nothing behind.
      skippingAddress = unsafe && token.markup === 'autolink';
      if (unsafe) continue;
      token.attrSet('rel', 'nofollow ugc noopener noreferrer');
    } else if (token.type === 'link_close') {
      skippingAddress = false;
      if (unsafeDepths.pop()) continue;
    } else if (skippingAddress) {
      continue;
    } else if (token.type === 'image' && !isSafeAddress(token.attrGet('src') ?? '')) {
      token.type = 'text';
      token.tag = '';
      token.attrs = null;
      token.children = null;
    }
    kept.push(token);
  }
  return kept;
}

markdown.core.ruler.push('birga_safe_links', (state) => {
  for (const block of state.tokens) {
    if (block.type === 'inline' && block.children) block.children = dropUnsafeLinks(block.children);
  }
});

/** The body as HTML; safe to insert with innerHTML / {@html}. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
