import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from '../../web/src/lib/i18n-dates';

const tashkent = { timeZone: 'Asia/Tashkent' };

describe('dates on the pages', () => {
  it('writes Uzbek dates with Uzbek month names, day first', () => {
    expect(formatDate('2026-12-18T12:18:00Z', 'uz-Latn', tashkent)).toBe('18-dekabr 2026, 17:18');
    expect(formatDate('2027-01-05T03:04:00Z', 'uz-Latn', tashkent)).toBe('5-yanvar 2027, 08:04');
  });

  it.each([
    [1, 'yanvar'],
    [2, 'fevral'],
    [3, 'mart'],
    [4, 'aprel'],
    [5, 'may'],
    [6, 'iyun'],
    [7, 'iyul'],
    [8, 'avgust'],
    [9, 'sentabr'],
    [10, 'oktabr'],
    [11, 'noyabr'],
    [12, 'dekabr'],
  ])('names month %i %s', (month, name) => {
    const iso = `2027-${String(month).padStart(2, '0')}-15T07:00:00Z`;
    expect(formatDate(iso, 'uz-Latn', tashkent)).toBe(`15-${name} 2027, 12:00`);
  });

  it('writes Russian and English dates through Intl, in the given zone', () => {
    expect(formatDate('2026-12-18T12:18:00Z', 'ru', tashkent)).toBe('18 декабря 2026 г. в 17:18');
    expect(formatDate('2026-12-18T12:18:00Z', 'en', tashkent)).toBe('December 18, 2026 at 5:18 PM');
  });

  it('gives back what is not a date unchanged', () => {
    expect(formatDate('not a date', 'uz-Latn')).toBe('not a date');
  });
});

describe('numbers on the pages', () => {
  it('groups thousands with a narrow no-break space in Uzbek and Russian', () => {
    expect(formatNumber(42_000_000, 'uz-Latn')).toBe('42\u202f000\u202f000');
    expect(formatNumber(42_000_000, 'ru')).toBe('42\u202f000\u202f000');
    expect(formatNumber(1_234_567.5, 'uz-Latn')).toBe('1\u202f234\u202f567,5');
  });

  it('groups thousands with commas in English', () => {
    expect(formatNumber(42_000_000, 'en')).toBe('42,000,000');
    expect(formatNumber(1_234_567.5, 'en')).toBe('1,234,567.5');
  });

  it('passes Intl options through', () => {
    expect(formatNumber(0.929, 'ru', { style: 'percent', maximumFractionDigits: 1 })).toBe(
      '92,9\u00a0%',
    );
  });
});
