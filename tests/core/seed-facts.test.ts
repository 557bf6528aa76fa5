/**
 * Data is facts: the curated incidents say what the seed articles say — counts with their
 * qualifiers, dates at their precision, data classes, vendors, affected organizations — and
 * every one cites its article.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import type { Incident } from '../../src/core/incident-schema.js';
import { fold } from '../../src/core/text-folding.js';
import { renderText } from '../../src/render/text-renderer.js';
import { DATA_DIR, REPO_ROOT } from '../helpers/catalog-fixtures.js';

const catalog = loadCatalog(DATA_DIR);
const get = (id: string) => {
  const inc = catalog.byId.get(id);
  if (!inc) throw new Error(`missing ${id}`);
  return inc;
};
const SEEDS = join(REPO_ROOT, '..', 'shared', 'seeds');

/** The seed articles, whitespace collapsed, with their file names. */
const ARTICLES = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ file: f, text: readFileSync(join(SEEDS, f), 'utf8').replace(/\s+/g, ' ') }));
const curated = catalog.incidents.filter((i) => i.provenance.source === 'curated');
/** A title as printed: "[sic]" marks a typo kept, it is not in the article. */
const printed = (title: string) => title.replace(/ \[sic\]/g, '');
/** The article an incident cites: the one that prints its title. */
function articleOf(inc: Incident): string {
  const found = ARTICLES.filter((a) => a.text.includes(printed(inc.sources[0]!.title ?? '')));
  expect(found.map((a) => a.file), `${inc.id}: the article printing "${inc.sources[0]!.title}"`).toHaveLength(1);
  return found[0]!.text;
}
const folded = (s: string) => fold(s).replace(/\s+/g, ' ');
const isEstablished = (inc: Incident, path: string) => inc.established.some((e) => e.path === path || path.startsWith(`${e.path}.`) || path.startsWith(`${e.path}[`));
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Ways a French article may print a count: "45.000", "45 000", "1,3 million", "5000", "400". */
function printedForms(n: number): string[] {
  const grouped = (sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const forms = [String(n), grouped(' '), grouped('.'), grouped('\u202f'), grouped('\u00a0')];
  if (n >= 1e6) forms.push(`${String(n / 1e6).replace('.', ',')} million`);
  return forms;
}

describe('GIVEN the curated seed incidents, each read against its article', () => {
  it('THEN each cites its article by the title as printed (typos kept with [sic]), never by a local file path', () => {
    expect(curated.length).toBe(9);
    for (const inc of curated) {
      for (const s of inc.sources) {
        expect(s.reference ?? '', inc.id).not.toMatch(/seeds\/|\.txt$/);
        expect(s.url ?? '', inc.id).not.toMatch(/^file:/);
      }
      articleOf(inc);
    }
    const sirius = get('sirius-ticketing-2024').sources[0]!.title;
    expect(sirius).toBe("Cyberattaque. Les données personnelles d'au mois [sic] 63 000 spectateurs bretons, dérobées");
  });

  it('THEN a publisher is named only where the article names it, and a date not printed is established with its basis', () => {
    for (const inc of curated) {
      const text = articleOf(inc);
      inc.sources.forEach((s, i) => {
        if (s.publisher) expect(text, `${inc.id} publisher ${s.publisher}`).toContain(s.publisher);
        if (s.date && !isEstablished(inc, `sources[${i}].date`)) {
          const [y, m] = s.date.split('-');
          expect(text, `${inc.id} source date ${s.date}`).toContain(m ? `${MONTHS_FR[Number(m) - 1]} ${y}` : y!);
        }
      });
    }
  });

  it('THEN every count is printed in the article', () => {
    for (const inc of curated) {
      const text = articleOf(inc);
      const counts = [inc.records?.total, ...(inc.records?.breakdown ?? []), ...inc.affected.map((a) => a.records), inc.affectedCount].filter((c) => c !== undefined);
      for (const c of counts) {
        expect(printedForms(c.count).some((f) => text.includes(f)), `${inc.id}: ${c.count} in the article`).toBe(true);
      }
    }
  });

  it('THEN every date is in the article (day and month, or month) unless established with its basis', () => {
    for (const inc of curated) {
      const text = folded(articleOf(inc));
      const { occurred, discovered, disclosed } = inc.dates;
      const dates: [string, string | undefined][] = [['dates.occurred.start', occurred?.start], ['dates.occurred.end', occurred?.end], ['dates.discovered', discovered], ['dates.disclosed', disclosed]];
      for (const [path, date] of dates) {
        if (!date || isEstablished(inc, path)) continue;
        const [y, m, d] = date.split('-');
        const said = d ? `${Number(d)}${Number(d) === 1 ? 'er' : ''} ${MONTHS_FR[Number(m) - 1]}` : m ? MONTHS_FR[Number(m) - 1]! : y!;
        expect(text, `${inc.id} ${path} ${date}`).toContain(folded(said));
      }
    }
  });

  it("THEN a vendor's role says only what the article says, or is established with its basis (\"chatbot\")", () => {
    for (const inc of curated) {
      const text = folded(articleOf(inc));
      inc.vendors.forEach((v, i) => {
        if (isEstablished(inc, `vendors[${i}].role`)) return;
        const words = folded(v.role.fr ?? '').match(/[a-z]{5,}/g) ?? [];
        for (const w of words) expect(text, `${inc.id} vendor role word "${w}"`).toContain(w);
      });
    }
    // "(chatbot)" is not in the article: it is kept only as an established fact, with its basis.
    const ticketmaster = get('ticketmaster-inbenta-2018');
    expect(ticketmaster.vendors[0]!.role.en).toMatch(/chatbot/);
    expect(ticketmaster.established).toContainEqual(expect.objectContaining({ path: 'vendors[0].role', basis: 'public-record' }));
  });

  it('THEN hedged data stays hedged: what the article says "may have been" or "a pu être" compromised is possibly exposed, not exposed', () => {
    const HEDGES = /pu être compromis|pouvaient avoir été compromises|pourraient avoir été compromises|peuvent inclure/;
    for (const inc of curated.filter((i) => i.kind === 'breach')) {
      const text = articleOf(inc);
      if (HEDGES.test(text)) expect(inc.possiblyExposed.length, `${inc.id} says "${HEDGES.exec(text)![0]}"`).toBeGreaterThan(0);
    }
    const ticketmaster = get('ticketmaster-inbenta-2018');
    expect(ticketmaster.dataClasses).toEqual([]);
    expect(ticketmaster.possiblyExposed).toEqual(expect.arrayContaining(['Payment info', 'Account login details']));
    expect(ticketmaster.title.en).toMatch(/may have exposed/);
    expect(ticketmaster.title.fr).toMatch(/a pu exposer/);
    const sirius = get('sirius-ticketing-2024');
    expect(sirius.possiblyExposed).toEqual(['Passwords']);
    expect(sirius.dataClasses).not.toContain('Passwords');
  });

  it('THEN every note on how a fact was established is in French too, and a French answer shows the French, never the English', () => {
    const notes = curated.flatMap((inc) => inc.established.map((e) => ({ inc, e })));
    expect(notes.length).toBeGreaterThanOrEqual(15);
    for (const { inc, e } of notes) {
      expect(e.note?.fr, `${inc.id} ${e.path}`).toBeTruthy();
      const fr = renderText({ kind: 'incident', incident: inc, related: [] }, 'fr').replace(/\u202f/g, ' ');
      expect(fr, `${inc.id} ${e.path}`).toContain(e.note!.fr.replace(/\u202f/g, ' ').slice(0, 40));
      expect(fr, `${inc.id} ${e.path}`).not.toContain(e.note!.en.slice(0, 40));
    }
  });

  it('THEN quoted words in summaries, responses and notes are verbatim from the article', () => {
    for (const inc of curated) {
      const text = folded(articleOf(inc));
      const prose = [inc.summary.fr ?? '', ...inc.response.map((r) => r.text.fr ?? ''), ...inc.established.flatMap((e) => (e.note ? [e.note.en, e.note.fr] : []))];
      for (const p of prose) {
        for (const [, quote] of p.matchAll(/[«"“]\s?([^"”»]{3,}?)\s?[»"”]/g)) {
          if (/[a-zà-ÿ]{3,} [a-zà-ÿ]{2,}/i.test(quote!) && /[àâçéèêëîïôûù]|\b(le|la|les|de|du|des|une?|et)\b/i.test(quote!)) {
            expect(text, `${inc.id} quotes "${quote}"`).toContain(folded(quote!.replace(/ \[sic\]/g, '')));
          }
        }
      }
    }
  });

  it('THEN Met Opera: at least 45,000 customers and staff, Sep–Oct 2022, found in December, disclosed 3 May 2023, SSNs and more', () => {
    const met = get('met-opera-2022');
    expect(met.records?.total).toMatchObject({ count: 45000, qualifier: 'at-least' });
    expect(met.dates).toEqual({ occurred: { start: '2022-09', end: '2022-10' }, discovered: '2022-12', disclosed: '2023-05-03' });
    expect([...met.dataClasses].sort()).toEqual(['Dates of birth', "Driver's licenses", 'Payment info', 'Social security numbers']);
    expect(met.response.map((r) => r.type).sort()).toEqual(['authorities-notified', 'class-action', 'monitoring-offered', 'notification']);
    expect(met.established.map((e) => e.path)).toContain('dates.disclosed');
  });

  it('THEN Sirius: 28 June 2024, about 400 venues, Le Quartz > 60,000 and Très Tôt Théâtre ~3,900, passwords', () => {
    const s = get('sirius-ticketing-2024');
    expect(s.dates.occurred?.start).toBe('2024-06-28');
    expect(s.affectedCount).toEqual({ count: 400, qualifier: 'approximate' });
    expect(s.records?.total).toMatchObject({ count: 63000, qualifier: 'at-least' });
    const byName = new Map(s.affected.map((a) => [a.name, a]));
    expect(byName.get('Le Quartz')).toMatchObject({ city: 'Brest', records: { count: 60000, qualifier: 'at-least' } });
    expect(byName.get('Très Tôt Théâtre')).toMatchObject({ city: 'Quimper', records: { count: 3900, qualifier: 'approximate' } });
    expect(byName.get("L'Améthyste")).toMatchObject({ city: 'Crozon' });
    expect(byName.get("L'Améthyste")?.records).toBeUndefined();
    expect(s.possiblyExposed).toContain('Passwords');
    expect(s.response.map((r) => r.type)).toContain('password-reset');
  });

  it('THEN MGP: about 5,000 people incl. 250 staff and 208 elected officials, found February 2025, complaint against X, no bank data', () => {
    const m = get('metropole-du-grand-paris-2025');
    expect(m.records?.total).toMatchObject({ count: 5000, qualifier: 'approximate' });
    expect(m.records?.breakdown.map((b) => b.count)).toEqual([250, 208]);
    expect(m.dates.discovered).toBe('2025-02');
    // "ces données peuvent inclure des noms, prénoms, numéros de téléphone et adresses e-mail": possibly exposed.
    expect([...m.possiblyExposed].sort()).toEqual(['Email addresses', 'Names', 'Phone numbers']);
    expect([...m.dataClasses, ...m.possiblyExposed]).not.toContain('Payment info');
    expect(m.response.map((r) => r.type)).toContain('complaint');
    expect(m.organization.aliases).toContain('MGP');
  });

  it('THEN Orange: two 2014 incidents, 1.3 million (18 April / 5 May) and 800,000 (February)', () => {
    const april = get('orange-2014-04');
    expect(april.records?.total).toMatchObject({ count: 1_300_000, qualifier: 'approximate' });
    expect(april.dates).toMatchObject({ discovered: '2014-04-18', disclosed: '2014-05-05' });
    expect(april.dataClasses).toEqual(expect.arrayContaining(['Names', 'Email addresses', 'Phone numbers', 'Dates of birth', 'Telecommunication provider']));
    const feb = get('orange-2014-02');
    expect(feb.records?.total).toMatchObject({ count: 800_000, qualifier: 'approximate' });
    expect(feb.dates.disclosed).toBe('2014-02');
    expect(feb.dataClasses).toEqual([]);
    expect(feb.unstated).toContain('dataClasses');
  });

  it('THEN Ticketmaster: Inbenta as the customer-support vendor, Sep 2017 – 23 June 2018, payment and login data possibly exposed, no count invented', () => {
    const t = get('ticketmaster-inbenta-2018');
    expect(t.vendors.map((v) => v.name)).toEqual(['Inbenta Technologies']);
    expect(t.dates.occurred).toEqual({ start: '2017-09', end: '2018-06-23' });
    expect(t.possiblyExposed).toEqual(expect.arrayContaining(['Payment info', 'Account login details', 'Names', 'Email addresses', 'Phone numbers', 'Physical addresses']));
    expect(t.records).toBeUndefined();
    expect(t.response.map((r) => r.type)).toEqual(expect.arrayContaining(['password-reset', 'service-disabled']));
  });

  it('THEN the articles\' passing mentions are attacks without invented data', () => {
    for (const id of ['met-opera-2022-12-attack', 'metropoles-nantes-angers-dijon-2024', 'metropole-aix-marseille-provence-2020']) {
      const inc = get(id);
      expect(inc.kind).toBe('attack');
      expect(inc.records).toBeUndefined();
      expect(inc.dataClasses).toEqual([]);
    }
  });
});
