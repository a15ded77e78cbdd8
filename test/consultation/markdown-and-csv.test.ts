import { describe, expect, it } from 'vitest';
import { isSafeAddress, renderMarkdown } from '../../shared/markdown/render';
import { csvCell, toCsv } from '../../server/consultation/csv';

const UNSAFE = [
  '[Batafsil](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x]( javascript:alert(1))',
  '[x](jav%0Aascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](VBScript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD4=)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x](DATA:image/svg+xml;base64,PHN2Zz4=)',
  '![x](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
];

describe('safe Markdown', () => {
  it.each(UNSAFE)('renders %j with no javascript:, data: or vbscript: address', (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|data|vbscript)/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
  });

  it('never emits raw HTML or an event-handler attribute', () => {
    const html = renderMarkdown(
      '<img src=x onerror=alert(1)> <script>alert(1)</script> <a onclick="x">y</a>',
    );
    expect(html).not.toMatch(/<(img|script|a)[\s>]/);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  });

  it('keeps http, https and mailto links, with rel for user content', () => {
    expect(renderMarkdown('[Sayt](https://birga.uz/a?b=1&c=2)')).toBe(
      '<p><a href="https://birga.uz/a?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer">Sayt</a></p>\n',
    );
    expect(isSafeAddress('mailto:info@birga.uz')).toBe(true);
    expect(isSafeAddress('/strategies/1')).toBe(true);
    expect(isSafeAddress(' JAVASCRIPT:alert(1)')).toBe(false);
  });

  it('leaves apostrophes and quotes as typed', () => {
    expect(renderMarkdown('oʻ o‘ o\' o’ oʼ "qo\'shtirnoq"')).toBe(
      "<p>oʻ o‘ o' o’ oʼ &quot;qo'shtirnoq&quot;</p>\n",
    );
  });
});

describe('CSV cells', () => {
  it.each(['=1+1', '+1', '-1', '@A1', '\tx', '\rx'])('neutralises %j', (value) => {
    expect(csvCell(value).replace(/^"|"$/g, '').startsWith(`'`)).toBe(true);
  });

  it('keeps other text exactly and quotes what needs it', () => {
    expect(csvCell("Oʻzbek o'zbek 🎉")).toBe("Oʻzbek o'zbek 🎉");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(toCsv(['a', 'b'], [[1, null]])).toBe('\uFEFFa,b\r\n1,\r\n');
  });
});
