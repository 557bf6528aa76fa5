/**
 * What a user might use instead of breachbot's index, on the same incidents and queries:
 * Fuse.js over the names (what many bots use for fuzzy names) and an exact-name `Map` (the
 * floor no index beats). Both answer with incident ids, best first.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Incident } from '../src/core/incident-schema.js';
import { tokenize } from '../src/core/text-folding.js';

export interface Baseline {
  readonly name: string;
  /** Ids of the best `limit` incidents. */
  search(query: string, limit: number): string[];
}

interface NameDoc {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly vendors: readonly string[];
  readonly affected: readonly string[];
  readonly domains: readonly string[];
}

function nameDoc(i: Incident): NameDoc {
  return {
    id: i.id,
    name: i.organization.name,
    aliases: i.organization.aliases,
    vendors: i.vendors.flatMap((v) => [v.name, ...v.aliases]),
    affected: i.affected.flatMap((a) => [a.name, ...a.aliases]),
    domains: i.organization.domains,
  };
}

/**
 * Fuse.js as a bot would set it up for names: the name fields weighted like breachbot's
 * (organization > alias > vendor > affected > domain), accents ignored, a match anywhere in the
 * name (`ignoreLocation`), the default-ish threshold 0.4.
 */
export const FUSE_OPTIONS = {
  keys: [
    { name: 'name', weight: 1 },
    { name: 'aliases', weight: 0.9 },
    { name: 'vendors', weight: 0.85 },
    { name: 'affected', weight: 0.8 },
    { name: 'domains', weight: 0.7 },
  ],
  threshold: 0.4,
  ignoreDiacritics: true,
  ignoreLocation: true,
};

export function fuseBaseline(incidents: readonly Incident[]): Baseline {
  const fuse = new Fuse(incidents.map(nameDoc), FUSE_OPTIONS);
  return {
    name: 'Fuse.js',
    search: (query, limit) => fuse.search(query, { limit }).map((r) => r.item.id),
  };
}

/** Folded full names (organization, aliases, vendors, affected) → incidents, organizations first. */
export function exactMapBaseline(incidents: readonly Incident[]): Baseline {
  const map = new Map<string, string[]>();
  const add = (name: string, id: string) => {
    const key = tokenize(name).join(' ');
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const i of incidents) for (const n of [i.organization.name, ...i.organization.aliases]) add(n, i.id);
  for (const i of incidents) {
    for (const v of i.vendors) for (const n of [v.name, ...v.aliases]) add(n, i.id);
    for (const a of i.affected) for (const n of [a.name, ...a.aliases]) add(n, i.id);
  }
  return {
    name: 'exact Map',
    search: (query, limit) => (map.get(tokenize(query).join(' ')) ?? []).slice(0, limit),
  };
}

/**
 * MiniSearch itself, as the card's library would be set up for names: the name fields only,
 * fuzzy 0.2 and prefix on every word, every word required (AND) — its best configuration on
 * these queries. Accents folded with the same tokenizer as breachbot's.
 */
export function miniSearchBaseline(incidents: readonly Incident[]): Baseline {
  const mini = new MiniSearch<NameDoc & { names: string }>({
    fields: ['name', 'names'],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term,
    searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'AND', boost: { name: 2 } },
  });
  mini.addAll(incidents.map((i) => {
    const doc = nameDoc(i);
    return { ...doc, names: [...doc.aliases, ...doc.vendors, ...doc.affected, ...doc.domains].join(' ') };
  }));
  return {
    name: 'MiniSearch',
    search: (query, limit) => mini.search(query).slice(0, limit).map((r) => String(r.id)),
  };
}
