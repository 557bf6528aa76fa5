/**
 * Counts in answers are spelled without ICU's number formatter (loading it costs a one-shot
 * search about 30 ms): what a reader sees must still be exactly what `Intl.NumberFormat` prints
 * for en-GB and fr-FR, grouping, decimal sign and rounding included.
 */
import { describe, expect, it } from 'vitest';
import { formatNumber, plainNumber } from '../../src/core/locale-format.js';
import type { Lang } from '../../src/core/lang.js';

const formatters = new Map<string, Intl.NumberFormat>();
const intl = (v: number, lang: Lang, fractionDigits: number) => {
  const key = `${lang}${fractionDigits}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: fractionDigits })));
  return f.format(v);
};

/** A fixed pseudo-random sequence (mulberry32), so a failure names a value that fails again. */
function numbers(seed: number, count: number): number[] {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = next();
    if (k < 0.3) out.push(Math.round(next() * 1e9)); // head counts
    else if (k < 0.6) out.push(next() * 1000); // millions and billions, scaled
    else if (k < 0.8) out.push(Math.round(next() * 1e5) / 100); // two decimals: ties at the rounded place
    else out.push((next() - 0.5) * 1e7);
  }
  return out;
}

describe('GIVEN numbers spelled for English and French readers', () => {
  it('THEN every one reads exactly as Intl.NumberFormat prints it (ties, 9s carried, signs, no trailing zeros)', () => {
    const edge = [0, -0, 1, -1, 999, 1000, 1234.5, 1.25, 1.35, 2.55, 0.95, 9.95, 99.95, 999.95, 9999.96, -0.04, 0.5, 1.5, 2.5, 1e15, 123456789.123, 1e21, 1e-7];
    const mismatches: string[] = [];
    for (const v of [...edge, ...numbers(20261202, 20_000)]) {
      for (const lang of ['en', 'fr'] as const) {
        for (const digits of [0, 1, 3]) {
          const ours = plainNumber(v, lang, digits);
          const theirs = intl(v, lang, digits);
          if (ours !== theirs) mismatches.push(`${v} ${lang} ${digits}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('THEN a French count groups thousands with a narrow no-break space and an English one with a comma', () => {
    expect(formatNumber(45_000, 'fr')).toBe('45\u202f000');
    expect(formatNumber(45_000, 'en')).toBe('45,000');
    expect(formatNumber(1_250_000, 'fr')).toBe('1,3 million');
    expect(formatNumber(2_000_000, 'fr')).toBe('2 millions');
    expect(formatNumber(1_950_000_000, 'en')).toBe('2 billion');
  });
});
