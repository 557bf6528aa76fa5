/**
 * The chart `/breach stats` attaches: a real PNG (signature, IHDR dimensions) within the upload
 * limits, whose bars and alt text carry exactly the counts `/breach stats` answers, for the whole
 * catalog and for a filtered one (`country:FR`); the terminal's bars show the same counts.
 */
import { describe, expect, it } from 'vitest';
import type { Stats } from '../../src/core/answer.js';
import { CHART_HEIGHT, CHART_MAX_BYTES, CHART_WIDTH, renderStatsChart } from '../../src/charts/stats-chart.js';
import { renderText } from '../../src/render/text-renderer.js';
import { realCore } from '../helpers/catalog-fixtures.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function statsOf(query?: string): Stats {
  const answer = realCore().execute(query ? { command: 'stats', query } : { command: 'stats' });
  if (answer.kind !== 'stats') throw new Error(`expected stats, got ${answer.kind}`);
  return answer.stats;
}

describe('GIVEN the bundled catalog', () => {
  it.each([
    [undefined, 'en'],
    ['country:FR', 'fr'],
  ] as const)('THEN the chart of /breach stats %s is a %s PNG of 1200 × 600 within the limits, with the numbers of the answer', (query, lang) => {
    const stats = statsOf(query);
    const chart = renderStatsChart(stats, lang, query);
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR is the first chunk: length 13, type, then width and height as big-endian 32-bit integers.
    expect(chart.png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([chart.png.readUInt32BE(16), chart.png.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(chart.png.length).toBeLessThan(CHART_MAX_BYTES);
    expect(chart.png.length).toBeGreaterThan(10_000); // bars and labels drawn, not a blank picture

    const newestYears = [...stats.byYear].sort((a, b) => b.key - a.key).slice(0, 15).reverse();
    expect(chart.years).toEqual(newestYears.map((c) => ({ year: c.key, count: c.count })));
    expect(chart.classes.map((c) => [c.name, c.count])).toEqual(stats.byDataClass.slice(0, 10).map((c) => [c.key, c.count]));
    for (const y of chart.years) expect(chart.alt).toContain(`${y.year} ${y.count.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/\u202f|\u00a0/g, ' ')}`);
    expect(chart.alt).toContain(stats.total.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB').replace(/\u202f|\u00a0/g, ' '));
  }, 120_000);

  it('THEN the filtered stats count what a search with the same filters finds', () => {
    const stats = statsOf('country:FR');
    const search = realCore().execute({ command: 'search', query: 'country:FR', pageSize: 1 });
    if (search.kind !== 'results') throw new Error(search.kind);
    expect(stats.total).toBe(search.total);
    expect(stats.total).toBeLessThan(statsOf().total);
    expect(stats.byCountry[0]).toEqual({ key: 'FR', count: stats.total });
    expect(stats.byYear.reduce((sum, c) => sum + c.count, 0)).toBeLessThanOrEqual(stats.total);
  }, 120_000);

  it('THEN the terminal prints the same bars as text, with the same counts', () => {
    const stats = statsOf('country:FR');
    const text = renderText({ kind: 'stats', stats, query: 'country:FR' }, 'en');
    const chart = renderStatsChart(stats, 'en', 'country:FR');
    const lines = text.split('\n');
    for (const y of chart.years) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${y.year} [█▉▊▋▌▍▎▏]+ ${y.count.toLocaleString('en-GB')}$`)));
    for (const c of chart.classes) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${c.label}\\s+[█▉▊▋▌▍▎▏]+ ${c.count.toLocaleString('en-GB')}$`)));
  }, 120_000);
});
