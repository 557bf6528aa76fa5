/**
 * The benchmark's inputs: a seeded corpus that is the same on every run and valid for the
 * catalog loader, and labelled queries whose labels are right (a typo is the typo it claims to
 * be and points at one name only; a prefix belongs to its name only), so Recall@1 measures the
 * search, not the labelling.
 */
import { describe, expect, it } from 'vitest';
import { CatalogBuilder } from '../../src/core/catalog.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { tokenize, fold } from '../../src/core/text-folding.js';
import { generateCorpus } from '../../bench/corpus.js';
import { editDistanceWithin } from '../../bench/edit-distance.js';
import { generateQuerySet } from '../../bench/query-set.js';
import { fallbackHibpToIncidents, resolveHibpQueries } from '../../bench/hibp-corpus.js';

const SIZE = 400;

describe('GIVEN the seeded corpus generator', () => {
  const corpus = generateCorpus({ size: SIZE, seed: 42 });

  it('THEN the same seed gives the same records, another seed other ones', () => {
    expect(JSON.stringify(generateCorpus({ size: SIZE, seed: 42 }))).toBe(JSON.stringify(corpus));
    expect(generateCorpus({ size: 50, seed: 43 }).map((r) => r.organization.name)).not.toEqual(corpus.slice(0, 50).map((r) => r.organization.name));
  });

  it('THEN every record passes the catalog validation, with unique ids', () => {
    const builder = new CatalogBuilder();
    corpus.forEach((r, i) => builder.add('synthetic.json', `[${i}]`, r));
    const catalog = builder.build();
    expect(catalog.problems).toEqual([]);
    expect(catalog.incidents).toHaveLength(SIZE);
  });

  it('THEN it has what real catalogs have: accents, aliases, shared vendors, affected organizations, repeat victims, curated records', () => {
    const names = corpus.map((r) => r.organization.name);
    expect(names.some((n) => fold(n) !== n.toLowerCase())).toBe(true);
    expect(corpus.filter((r) => (r.organization.aliases ?? []).length > 0).length).toBeGreaterThan(SIZE / 10);
    const vendorUse = new Map<string, number>();
    for (const r of corpus) for (const v of r.vendors ?? []) vendorUse.set(v.name, (vendorUse.get(v.name) ?? 0) + 1);
    expect(Math.max(...vendorUse.values())).toBeGreaterThan(2);
    expect(corpus.some((r) => (r.affected ?? []).length > 0)).toBe(true);
    expect(new Set(names).size).toBeLessThan(SIZE);
    expect(corpus.some((r) => r.provenance === undefined)).toBe(true);
    expect(corpus.some((r) => r.summary.en.includes('\n\n'))).toBe(true);
  });
});

describe('GIVEN a query set generated from the corpus', () => {
  const corpus = generateCorpus({ size: SIZE, seed: 42 });
  const set = generateQuerySet(corpus, { seed: 7, perCategory: 40, unlabelled: 100, autocomplete: 60 });
  const ids = new Set(corpus.map((r) => r.id));
  const nameWords = new Set(corpus.flatMap((r) => [r.organization.name, ...(r.organization.aliases ?? []), ...(r.vendors ?? []).flatMap((v) => [v.name, ...(v.aliases ?? [])]), ...(r.affected ?? []).flatMap((a) => [a.name, ...(a.aliases ?? [])])].flatMap(tokenize)));

  it('THEN it is the same for the same seed', () => {
    expect(generateQuerySet(corpus, { seed: 7, perCategory: 40, unlabelled: 100, autocomplete: 60 })).toEqual(set);
  });

  it('THEN every category is there and every label names incidents of the corpus', () => {
    const categories = new Set(set.labelled.map((l) => l.category));
    for (const c of ['exact', 'accent-free', 'typo-1', 'typo-2', 'prefix', 'alias', 'vendor']) expect(categories).toContain(c);
    for (const l of set.labelled) for (const id of l.expect) expect(ids).toContain(id);
    expect(set.autocomplete.every((a) => a.length >= 1 && a.length <= 6)).toBe(true);
    expect(set.hostile.some((h) => h.q.length === 200)).toBe(true);
  });

  it('THEN a typo query holds a word that is no name word, within the claimed distance of its organization name word', () => {
    for (const l of set.labelled.filter((q) => q.category === 'typo-1' || q.category === 'typo-2')) {
      const distance = l.category === 'typo-1' ? 1 : 2;
      const typos = tokenize(l.q).filter((w) => !nameWords.has(w));
      expect(typos, l.q).toHaveLength(1);
      const target = corpus.find((r) => r.id === l.expect[0])!;
      const close = tokenize(target.organization.name).filter((w) => editDistanceWithin(typos[0]!, w, distance) === distance);
      expect(close.length, `${l.q} vs ${target.organization.name}`).toBeGreaterThan(0);
    }
  });

  it('THEN a prefix query is a prefix of its organization name words', () => {
    for (const l of set.labelled.filter((q) => q.category === 'prefix')) {
      const target = corpus.find((r) => r.id === l.expect[0])!;
      const typed = tokenize(l.q);
      const words = tokenize(target.organization.name);
      expect(words.some((w) => w.startsWith(typed[typed.length - 1]!) && w !== typed[typed.length - 1]), `${l.q} vs ${target.organization.name}`).toBe(true);
    }
  });

  it('THEN breachbot puts a right answer first for nearly every labelled query (the relevance the benchmark reports)', () => {
    const builder = new CatalogBuilder();
    corpus.forEach((r, i) => builder.add('synthetic.json', `[${i}]`, r));
    const core = new BreachCore(builder.build());
    const hits = set.labelled.filter((l) => {
      const a = core.execute({ command: 'search', query: l.q });
      return a.kind === 'results' && l.expect.includes(a.matches[0]!.incident.id);
    });
    expect(hits.length / set.labelled.length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('GIVEN external labels in the HIBP format', () => {
  it('THEN an expected Name resolves to the incident it became, and an unknown Name is counted, not dropped', () => {
    const incidents = fallbackHibpToIncidents([
      { Name: 'Adobe', Title: 'Adobe', Domain: 'adobe.com', BreachDate: '2013-10-04', DataClasses: ['Email addresses', 'Password hints'] },
      { Name: 'LinkedIn', Title: 'LinkedIn', Domain: 'linkedin.com', BreachDate: '2012-05-05', DataClasses: ['Email addresses', 'Passwords'] },
    ]);
    const { labelled, unresolved } = resolveHibpQueries(
      [
        { q: 'adobe', expect: 'Adobe' },
        { q: 'linkdin', expect: 'LinkedIn' },
        { q: 'nothing', expect: 'NoSuchBreach' },
      ],
      incidents,
    );
    expect(labelled.map((l) => l.expect)).toEqual([[incidents[0]!.id], [incidents[1]!.id], []]);
    expect(unresolved).toBe(1);
  });
});
