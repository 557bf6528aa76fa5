/**
 * The queries the benchmark times and the labelled set it scores, generated from a catalog's own
 * names with a seed, so any catalog (the synthetic corpus, the bundled data, an imported feed)
 * gets a query set that fits it.
 *
 * A labelled query lists every incident that is a right first answer: all incidents filed under
 * that organization name or alias (an organization breached twice has two right answers), or
 * all incidents naming that vendor. Typos and prefixes are kept only when they still point at
 * one name: a typo with another name word within the same edit distance, or a prefix that other
 * names also start with, would make the label a guess, so such queries are dropped, not scored.
 */
import { DATA_CLASSES } from '../src/core/data-classes.js';
import { fold, STOP_WORDS, tokenize } from '../src/core/text-folding.js';
import { editDistanceWithin, oneTypo } from './edit-distance.js';
import { inventWord } from './corpus-words.js';
import { Random } from './random.js';

/** What the generator reads of an incident; both `IncidentInput` and `Incident` fit. */
export interface QueryRecord {
  readonly id: string;
  readonly organization: { readonly name: string; readonly aliases?: readonly string[]; readonly country?: string; readonly city?: string; readonly sector?: string };
  readonly vendors?: readonly { readonly name: string; readonly aliases?: readonly string[] }[];
  readonly affected?: readonly { readonly name: string; readonly aliases?: readonly string[] }[];
  readonly dates?: { readonly occurred?: { readonly start: string }; readonly disclosed?: string };
  readonly dataClasses?: readonly string[];
  readonly summary: { readonly en: string };
}

export type LabelledCategory = 'exact' | 'accent-free' | 'typo-1' | 'typo-2' | 'prefix' | 'alias' | 'vendor';
export type MixedCategory = LabelledCategory | 'data-class' | 'filtered' | 'free-text' | 'miss';

export interface LabelledQuery {
  readonly q: string;
  readonly category: LabelledCategory | 'external';
  /** Ids of the incidents that are a right first answer. */
  readonly expect: readonly string[];
}

export interface QuerySet {
  readonly labelled: readonly LabelledQuery[];
  /** Every timed query: the labelled ones and the unlabelled ones, shuffled. */
  readonly mixed: readonly { readonly q: string; readonly category: MixedCategory | 'external' }[];
  /** What a user has typed so far in an autocomplete box: 1 to 6 characters. */
  readonly autocomplete: readonly string[];
  readonly hostile: readonly { readonly name: string; readonly q: string }[];
}

export interface QuerySetOptions {
  readonly seed: number;
  /** Labelled queries per category (default 200). */
  readonly perCategory?: number;
  /** Unlabelled timed queries (default 1,500). */
  readonly unlabelled?: number;
  readonly autocomplete?: number;
}

const key = (name: string) => tokenize(name).join(' ');
const content = (name: string) => tokenize(name).filter((w) => !STOP_WORDS.has(w));

/** Names and words of a catalog, for labelling and for checking that a label is not a guess. */
class NameTable {
  /** Incidents filed under a name as organization or alias. */
  readonly ownerOf = new Map<string, Set<string>>();
  /** Incidents naming a vendor. */
  readonly vendorOf = new Map<string, Set<string>>();
  /** Every name key (any kind) containing a word. */
  readonly keysOfWord = new Map<string, Set<string>>();
  readonly words: string[];
  readonly wordsByLength = new Map<number, string[]>();

  constructor(records: readonly QueryRecord[]) {
    const add = (map: Map<string, Set<string>>, k: string, id: string) => {
      if (!k) return;
      let s = map.get(k);
      if (!s) map.set(k, (s = new Set()));
      s.add(id);
    };
    const index = (name: string) => {
      const k = key(name);
      for (const w of content(name)) add(this.keysOfWord, w, k);
    };
    for (const r of records) {
      for (const n of [r.organization.name, ...(r.organization.aliases ?? [])]) {
        add(this.ownerOf, key(n), r.id);
        index(n);
      }
      for (const v of r.vendors ?? []) {
        for (const n of [v.name, ...(v.aliases ?? [])]) {
          add(this.vendorOf, key(n), r.id);
          index(n);
        }
      }
      for (const a of r.affected ?? []) for (const n of [a.name, ...(a.aliases ?? [])]) index(n);
    }
    this.words = [...this.keysOfWord.keys()].sort();
    for (const w of this.words) {
      const list = this.wordsByLength.get(w.length);
      if (list) list.push(w);
      else this.wordsByLength.set(w.length, [w]);
    }
  }

  /** True when no name word other than `original` is within `distance` edits of `typo`. */
  typoPointsAtOne(typo: string, original: string, distance: number): boolean {
    if (this.keysOfWord.has(typo)) return false;
    for (let len = typo.length - distance; len <= typo.length + distance; len++) {
      for (const w of this.wordsByLength.get(len) ?? []) {
        if (w !== original && editDistanceWithin(typo, w, distance) <= distance) return false;
      }
    }
    return true;
  }

  /** Name keys holding every word of `full` and a word starting with `prefix`. */
  keysMatchingPrefix(full: readonly string[], prefix: string): Set<string> {
    const out = new Set<string>();
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.words.length && this.words[i]!.startsWith(prefix); i++) {
      for (const k of this.keysOfWord.get(this.words[i]!) ?? []) {
        if (full.every((w) => this.keysOfWord.get(w)?.has(k))) out.add(k);
        if (out.size > 50) return out;
      }
    }
    return out;
  }
}

/** The most common content word in the summaries: a query that matches nearly everything. */
function commonestSummaryWord(records: readonly QueryRecord[], rng: Random): string {
  const df = new Map<string, number>();
  for (const r of rng.sample(records, 500)) {
    for (const w of new Set(tokenize(r.summary.en))) if (!STOP_WORDS.has(w) && w.length > 3 && !/^\d+$/.test(w)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return [...df].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'customers';
}

const CLASS_QUESTIONS_EN = ['{c} leaks', 'which breaches exposed {c}', 'breaches with {c}', '{c} since 2020', 'biggest {c} breaches'];
const CLASS_QUESTIONS_FR = ['fuites de {c}', 'quelles fuites contiennent des {c}', '{c} depuis 2021', 'les plus grosses fuites de {c}'];
const FREE_TEXT = ['ransomware hospital', 'credential stuffing', 'elasticsearch server', 'phishing employee account', 'rançongiciel mairie', 'hameçonnage', 'stolen laptop', 'class action', 'injection sql', 'forensic firm', 'ticketing platform', 'plateforme de billetterie', 'payroll software', 'tiers payant'];

export function generateQuerySet(records: readonly QueryRecord[], options: QuerySetOptions): QuerySet {
  const rng = new Random(options.seed);
  const per = options.perCategory ?? 200;
  const table = new NameTable(records);
  const labelled: LabelledQuery[] = [];
  const seen = new Set<string>();
  const push = (q: string, category: LabelledCategory, expect: Iterable<string> | undefined) => {
    const ids = [...(expect ?? [])];
    if (ids.length === 0 || seen.has(`${category}|${q}`) || q.length > 200) return false;
    seen.add(`${category}|${q}`);
    labelled.push({ q, category, expect: ids });
    return true;
  };
  const owners = (name: string) => table.ownerOf.get(key(name));
  const budget = (category: LabelledCategory, make: (r: QueryRecord) => boolean) => {
    let made = 0;
    for (let tries = 0; made < per && tries < per * 20 && records.length > 0; tries++) if (make(rng.pick(records))) made++;
    return category;
  };

  budget('exact', (r) => push(r.organization.name, 'exact', owners(r.organization.name)));
  budget('accent-free', (r) => {
    const name = r.organization.name;
    if (fold(name) === name.toLowerCase()) return false;
    return push(fold(name), 'accent-free', owners(name));
  });
  for (const [category, edits, minLength] of [['typo-1', 1, 4], ['typo-2', 2, 7]] as const) {
    budget(category, (r) => {
      const name = r.organization.name;
      const words = content(name);
      const candidates = words.filter((w) => w.length >= minLength && !/\d/.test(w));
      if (candidates.length === 0) return false;
      const original = rng.pick(candidates);
      let typo = original;
      for (let e = 0; e < edits; e++) typo = oneTypo(typo, rng);
      if (editDistanceWithin(typo, original, edits) !== edits || !table.typoPointsAtOne(typo, original, edits)) return false;
      return push(words.map((w) => (w === original ? typo : w)).join(' '), category, owners(name));
    });
  }
  budget('prefix', (r) => {
    const name = r.organization.name;
    const target = key(name);
    const words = content(name);
    const j = rng.int(0, words.length - 1);
    const word = words[j];
    if (!word || word.length < 4) return false;
    const full = words.slice(0, j);
    for (let len = 3; len < word.length; len++) {
      const prefix = word.slice(0, len);
      const keys = table.keysMatchingPrefix(full, prefix);
      if (keys.size === 1 && keys.has(target)) return push([...full, prefix].join(' '), 'prefix', owners(name));
    }
    return false;
  });
  budget('alias', (r) => {
    const aliases = r.organization.aliases ?? [];
    if (aliases.length === 0) return false;
    const alias = rng.pick(aliases);
    return push(alias, 'alias', owners(alias));
  });
  budget('vendor', (r) => {
    const v = r.vendors?.[0];
    if (!v) return false;
    const name = rng.chance(0.5) || !v.aliases?.length ? v.name : v.aliases[0]!;
    const k = key(name);
    // The vendor's own breach (an organization of that name) is a right answer too.
    const ids = new Set([...(table.vendorOf.get(k) ?? []), ...(table.ownerOf.get(k) ?? [])]);
    return push(rng.chance(0.5) ? name : fold(name), 'vendor', ids);
  });

  // Unlabelled: questions about data, filters, free text, misses.
  const unlabelled: { q: string; category: MixedCategory }[] = [];
  const total = options.unlabelled ?? 1500;
  const classes = DATA_CLASSES.slice(0, 16);
  while (unlabelled.length < total && records.length > 0) {
    const roll = rng.next();
    const r = rng.pick(records);
    const year = (r.dates?.occurred?.start ?? r.dates?.disclosed ?? '2022').slice(0, 4);
    if (roll < 0.3) {
      const c = rng.pick(classes);
      const fr = rng.chance(0.4);
      const template = rng.pick(fr ? CLASS_QUESTIONS_FR : CLASS_QUESTIONS_EN);
      unlabelled.push({ q: template.replace('{c}', rng.pick([fr ? c.fr : c.en, ...c.synonyms.slice(0, 3)])), category: 'data-class' });
    } else if (roll < 0.65) {
      const country = r.organization.country ?? 'FR';
      const sector = r.organization.sector ?? 'hospital';
      const vendor = r.vendors?.[0]?.name;
      const forms = [
        `${r.organization.name} ${year}`,
        `${sector} country:${country}`,
        `breaches in France since ${year}`,
        `fuites en France depuis ${year}`,
        `biggest breaches ${year}`,
        `latest breaches in Belgium`,
        `${r.organization.city ?? r.organization.name} ${year}`,
        `over 1 million passwords`,
        `plus grosses fuites de santé en ${year}`,
        vendor ? `via ${tokenize(vendor)[0]}` : `${r.organization.name} country:${country}`,
        `${r.organization.name} sort:date`,
      ];
      unlabelled.push({ q: rng.pick(forms), category: 'filtered' });
    } else if (roll < 0.85) {
      unlabelled.push({ q: rng.pick(FREE_TEXT), category: 'free-text' });
    } else {
      const words = rng.int(1, 3);
      const q = Array.from({ length: words }, () => inventWord(rng).toLowerCase() + rng.pick(['q', 'zz', 'xk', 'vw'])).join(' ');
      unlabelled.push({ q, category: 'miss' });
    }
  }

  const mixed = rng.shuffle([...labelled.map((l) => ({ q: l.q, category: l.category as MixedCategory })), ...unlabelled]);

  const autocomplete: string[] = [];
  for (let i = 0; i < (options.autocomplete ?? 1200) && records.length > 0; i++) {
    const r = rng.pick(records);
    const source = rng.chance(0.8) ? r.organization.name : (r.vendors?.[0]?.name ?? r.organization.name);
    const typed = rng.chance(0.7) ? source.toLowerCase() : source;
    autocomplete.push(typed.slice(0, 1 + (i % 6)));
  }

  return { labelled, mixed, autocomplete, hostile: hostileQueries(records, table, rng) };
}

/** Queries written to cost as much as possible, and queries that match nearly everything. */
function hostileQueries(records: readonly QueryRecord[], table: NameTable, rng: Random) {
  const common = [...table.keysOfWord]
    .filter(([w]) => w.length >= 5)
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, 12)
    .map(([w]) => w);
  const fill200 = (words: readonly string[]) => {
    let q = words.join(' ');
    while (q.length < 200) q += ` ${rng.pick(words)}`;
    return q.slice(0, 200).trim();
  };
  const longWords = Array.from({ length: 12 }, () => (inventWord(rng) + inventWord(rng) + inventWord(rng)).toLowerCase().slice(0, 15));
  const typoCommon = common.map((w) => oneTypo(oneTypo(w, rng), rng));
  const spread = rng.sample(records, 12).map((r) => content(r.organization.name)[0] ?? 'x');
  const everything = commonestSummaryWord(records, rng);
  return [
    { name: '12 long unknown words (200 chars, fuzzy on each)', q: longWords.join(' ').padEnd(200, 'x').slice(0, 200) },
    { name: '12 commonest name words, each with 2 typos', q: typoCommon.join(' ').slice(0, 200) },
    { name: '12 commonest name words', q: common.join(' ').slice(0, 200) },
    { name: '12 names from 12 incidents', q: spread.join(' ').slice(0, 200) },
    { name: '200 chars of many short terms (over the term limit)', q: fill200(['ab', 'cd', 'ef', 'gh', 'ij', 'kl']) },
    { name: `a word in nearly every summary ("${everything}")`, q: everything },
    { name: `"${everything}" plus a 4-letter prefix`, q: `${everything} ${everything.slice(0, 4)}` },
    { name: 'every incident, sorted by size (filter-only: since 2000)', q: 'biggest since 2000' },
    { name: 'a class most incidents carry (filter-only: email)', q: 'email' },
  ];
}
