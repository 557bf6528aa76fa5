/**
 * Facts with their sources, over the bundled catalog: when records merged into one incident
 * give different figures, each is kept and shown with who gives it; breaches HIBP retired from
 * its search are kept, flagged; a country-filtered list says when a count is worldwide.
 */
import { describe, expect, it } from 'vitest';
import { readSnapshot, snapshotPath, snapshotRecords } from '../../src/import/snapshot.js';
import { FEEDS } from '../../src/import/feeds.js';
import { renderText } from '../../src/render/text-renderer.js';
import { formatNumber, formatRecords } from '../../src/render/format.js';
import { incidentSummaryMrkdwn } from '../../src/slack/incident-blocks.js';
import { incidentSummaryEmbed } from '../../src/discord/incident-embeds.js';
import { DATA_DIR, realCore } from '../helpers/catalog-fixtures.js';

const core = realCore();
const catalog = core.catalog;

/** Every merged record of the bundled snapshots, with the incident it merged into. */
const snapshots = Object.values(FEEDS).map((feed) => ({ feed, snapshot: readSnapshot(snapshotPath(DATA_DIR, feed)) }));
const merges = snapshots.flatMap(({ feed, snapshot }) => (snapshot?.merged ?? []).map((m) => ({ feed, ...m })));
/** A record as its own file or snapshot gives it, before anything merged into it. */
const ownRecords = new Map(snapshots.flatMap(({ snapshot }) => [...snapshotRecords(snapshot)]));

describe('GIVEN every record merged into another incident in the bundled catalog', () => {
  const disagreeing = merges.filter((m) => {
    const theirs = m.incident.records?.total;
    const target = catalog.byId.get(m.into)!;
    const own = ownRecords.get(m.into)?.records?.total ?? (target?.provenance.source === 'curated' ? target.records?.total : undefined);
    return theirs !== undefined && (own === undefined || own.count !== theirs.count || own.who?.en !== theirs.who?.en) && target !== undefined;
  });

  it('THEN there are merged records, and most of them give a figure of their own', () => {
    expect(merges.length).toBeGreaterThanOrEqual(10);
    expect(disagreeing.length).toBeGreaterThanOrEqual(9);
  });

  it("THEN each merged record's figure is kept on the incident, with who gives it, beside the incident's own", () => {
    for (const m of disagreeing) {
      const target = catalog.byId.get(m.into)!;
      const theirs = m.incident.records!.total!;
      expect(target.records?.bySource, m.into).toContainEqual({ ...theirs, by: m.feed.publisher });
      if (target.records!.bySource.length > 1) expect(target.records!.bySource[0]!.by, m.into).not.toBe(m.feed.publisher);
    }
  });

  it('THEN every answer about them shows each figure with its source, in English and in French, on every renderer', () => {
    for (const m of disagreeing) {
      const target = catalog.byId.get(m.into)!;
      for (const lang of ['en', 'fr'] as const) {
        const text = renderText(core.execute({ command: 'show', id: target.id }), lang);
        const slack = incidentSummaryMrkdwn({ incident: target, reasons: [] }, 1, lang);
        const discord = JSON.stringify(incidentSummaryEmbed({ incident: target, reasons: [] }, 1, lang));
        for (const s of target.records!.bySource) {
          const said = `${formatNumber(s.count, lang)}`;
          const by = `${lang === 'fr' ? 'selon' : 'according to'} ${s.by}`;
          for (const [where, out] of [['text', text], ['slack', slack], ['discord', discord]] as const) {
            expect(out, `${target.id} ${lang} ${where}`).toContain(said);
            expect(out, `${target.id} ${lang} ${where}`).toContain(by);
          }
        }
      }
    }
  });

  it('THEN Bouygues Telecom 2025 shows the 6.4 million customers of the French list and the 5.7 million e-mail addresses of HIBP', () => {
    const bouygues = catalog.byId.get('hibp-bouyguestelecom')!;
    expect(formatRecords(bouygues, 'fr')).toMatch(/6,4 millions de clients selon bonjourlafuite\.eu\.org/);
    expect(formatRecords(bouygues, 'fr')).toMatch(/5,7 millions d.?e? ?adresses e-mail selon Have I Been Pwned/);
    expect(formatRecords(bouygues, 'en')).toMatch(/5\.7 million email addresses according to Have I Been Pwned/);
  });

  it('THEN Free Mobile 2024 shows both 13.9 and 14.1 million', () => {
    const text = formatRecords(catalog.byId.get('hibp-freemobile')!, 'en')!;
    expect(text).toContain('13.9 million');
    expect(text).toContain('14.1 million');
  });
});

describe("GIVEN a merged record's own dates and data classes", () => {
  it('THEN none is dropped: every date it gives that the incident does not is kept with who gives it, every data class it names is in the union', () => {
    let datesKept = 0;
    for (const m of merges) {
      const target = catalog.byId.get(m.into)!;
      for (const c of m.incident.dataClasses ?? []) expect(target.dataClasses.includes(c) || target.possiblyExposed.includes(c), `${m.into} keeps ${c} of ${m.incident.id}`).toBe(true);
      const disclosed = m.incident.dates?.disclosed;
      if (disclosed && disclosed !== target.dates.disclosed) {
        expect(target.bySource?.dates, `${m.into} keeps the disclosure date of ${m.incident.id}`).toContainEqual(expect.objectContaining({ disclosed }));
        datesKept++;
      }
    }
    expect(datesKept).toBeGreaterThanOrEqual(10);
  });

  it('THEN Free Mobile 2024 says who gives the disclosure date, and which data each source names, in both languages', () => {
    const fm = catalog.byId.get('hibp-freemobile')!;
    const fr = renderText({ kind: 'incident', incident: fm, related: [] }, 'fr');
    const en = renderText({ kind: 'incident', incident: fm, related: [] }, 'en');
    expect(fr).toContain('révélé le 25 octobre 2024 selon bonjourlafuite.eu.org');
    expect(en).toContain('disclosed on 25 October 2024 according to bonjourlafuite.eu.org');
    // What both name, then what only one names, with who.
    expect(fr).toMatch(/Données\u202f: adresses e-mail, noms, [^\n]*\u202f; selon Have I Been Pwned\u202f: [^\n]*numéros de téléphone[^\n]*\u202f; selon bonjourlafuite\.eu\.org\u202f: [^\n]*lieux de naissance/);
    expect(en).toMatch(/Data: email addresses, names, [^\n]*; according to bonjourlafuite\.eu\.org: [^\n]*places of birth/);
  });

  it('THEN an incident whose sources agree shows no attribution', () => {
    const autosur = renderText({ kind: 'incident', incident: catalog.byId.get('hibp-autosur')!, related: [] }, 'en');
    expect(autosur).toMatch(/Data: [^\n]*vehicle/);
    expect(autosur).not.toMatch(/Data: [^\n]*according to/);
  });
});

describe('GIVEN breaches Have I Been Pwned retired from its search', () => {
  const retired = catalog.incidents.filter((i) => i.flags.retired);

  it('THEN they are kept, flagged, and said so in both languages', () => {
    expect(retired.map((i) => i.id).sort()).toEqual(['hibp-ticketek', 'hibp-vtech']);
    for (const i of retired) {
      expect(renderText(core.execute({ command: 'show', id: i.id }), 'en')).toMatch(/retired from Have I Been Pwned's search/);
      expect(renderText(core.execute({ command: 'show', id: i.id }), 'fr')).toMatch(/retirée de la recherche par Have I Been Pwned/);
    }
  });

  it('THEN "ticketek" finds Ticketek 2024 and its 17.6 million, not Ticketmaster', () => {
    const answer = core.execute({ command: 'search', query: 'ticketek' });
    expect(answer.kind).toBe('results');
    if (answer.kind !== 'results') return;
    expect(answer.matches[0]!.incident.id).toBe('hibp-ticketek');
    expect(formatRecords(answer.matches[0]!.incident, 'en')).toBe('17.6 million email addresses');
  });
});

describe('GIVEN the precision each source gives a date', () => {
  it('THEN ECCIE happened in January 2021, as HIBP says, not merely "2021"', () => {
    expect(catalog.byId.get('hibp-eccie')!.dates.occurred?.start).toBe('2021-01');
  });
});

describe('GIVEN a list filtered by a country', () => {
  const answer = core.execute({ command: 'search', query: 'biggest breaches in France', pageSize: 10 });
  const matches = answer.kind === 'results' ? answer.matches : [];
  const byId = new Map(matches.map((m) => [m.incident.id, m]));

  it('THEN a count found through where the people live, of an organization elsewhere or unknown, is flagged worldwide', () => {
    expect(matches.length).toBe(10);
    for (const m of matches) {
      const home = m.incident.organization.country;
      expect(m.worldwideCount === true, m.incident.id).toBe(home !== 'FR' && m.incident.records?.total !== undefined);
    }
    expect(byId.get('blf-idmerit-2026-02-19')?.worldwideCount).toBe(true);
    expect(byId.get('blf-ticketmaster-2024-04-28')?.worldwideCount).toBe(true);
  });

  it('THEN every renderer says so beside the count, in both languages; unfiltered lists do not', () => {
    const idmerit = byId.get('blf-idmerit-2026-02-19')!;
    expect(renderText(answer, 'en')).toMatch(/about 3 billion entries \(worldwide figure\)/);
    expect(renderText(answer, 'fr')).toMatch(/3 milliards .*\(chiffre mondial\)/);
    expect(incidentSummaryMrkdwn(idmerit, 1, 'en')).toContain('(worldwide figure)');
    expect(JSON.stringify(incidentSummaryEmbed(idmerit, 1, 'fr'))).toContain('(chiffre mondial)');
    const plain = core.execute({ command: 'search', query: 'idmerit' });
    expect(plain.kind === 'results' && plain.matches.every((m) => m.worldwideCount !== true)).toBe(true);
    expect(renderText(plain, 'en')).not.toContain('worldwide');
  });

  it('THEN a French organization keeps its count unflagged', () => {
    const french = matches.filter((m) => m.incident.organization.country === 'FR');
    for (const m of french) expect(m.worldwideCount).toBeUndefined();
  });
});

describe('GIVEN a page asked past the last one', () => {
  it('THEN the answer shows the last page and says which was asked for, in both languages', () => {
    const answer = core.execute({ command: 'search', query: 'orange', page: 99 });
    expect(answer.kind).toBe('results');
    if (answer.kind !== 'results') return;
    expect(answer.page.requested).toBe(99);
    expect(answer.page.number).toBe(answer.page.count);
    expect(renderText(answer, 'en')).toContain(`page 99 of ${answer.page.count}`);
    expect(renderText(answer, 'fr')).toContain(`page 99 sur ${answer.page.count}`);
  });

  it('THEN latest does the same instead of an empty page', () => {
    const answer = core.execute({ command: 'latest', page: 100_000 });
    expect(answer.kind === 'results' && answer.matches.length).toBeGreaterThan(0);
    expect(answer.kind === 'results' && answer.page.requested).toBe(100_000);
  });

  it('THEN a page within the range carries no such note', () => {
    const answer = core.execute({ command: 'search', query: 'orange', page: 1 });
    expect(answer.kind === 'results' && answer.page.requested).toBeUndefined();
  });
});

