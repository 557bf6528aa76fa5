/**
 * Writes a corpus in Have I Been Pwned's breach-list format and its labelled queries, from the
 * bench's seeded generator: one breach per organization (as in HIBP, where each Name is one
 * breach), and queries of the four kinds issue 15 measures Recall@1 on — exact titles, one typo,
 * accent-free, prefix — each `{ q, expect: <Name> }`. Then:
 *
 *   npx tsx bench/hibp-synthetic.ts --size 100000 --out /tmp/hibp100k
 *   npm run -s bench -- --corpus /tmp/hibp100k/breaches.json --queries /tmp/hibp100k/queries.json --json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.js';
import { generateQuerySet, type QueryRecord } from './query-set.js';
import { tokenize } from '../src/core/text-folding.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20261201' }, out: { type: 'string' }, 'per-category': { type: 'string', default: '500' } } });
if (!values.out) throw new Error('bench: hibp-synthetic.ts needs --out DIR');
const size = Number(values.size);
const seed = Number(values.seed);

// Over-generate, keep one breach per organization name.
const seen = new Set<string>();
const records = generateCorpus({ size: Math.round(size * 1.3), seed, curatedShare: 0 }).filter((r) => {
  const key = tokenize(r.organization.name).join(' ');
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}).slice(0, size);

const names = new Map<string, string>();
const used = new Set<string>();
const breaches = records.map((r) => {
  let name = r.organization.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]/g, '') || 'Breach';
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.replace(/\d+$/, '')}${n}`;
  used.add(name.toLowerCase());
  names.set(r.id, name);
  const start = r.dates?.occurred?.start ?? r.dates?.disclosed ?? "2020";
  return {
    Name: name,
    Title: r.organization.name,
    Domain: r.organization.domains?.[0] ?? '',
    BreachDate: start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start,
    AddedDate: r.addedAt,
    ModifiedDate: r.addedAt,
    PwnCount: r.records?.total?.count ?? 1000,
    Description: r.summary.en,
    DataClasses: r.dataClasses && r.dataClasses.length > 0 ? r.dataClasses : ["Email addresses"],
    IsVerified: true,
    IsFabricated: false,
    IsSensitive: false,
    IsRetired: false,
    IsSpamList: false,
    IsMalware: false,
    IsStealerLog: false,
    IsSubscriptionFree: false,
    LogoPath: '',
  };
});

// Queries on the organization names only (HIBP has no aliases or vendors).
const plain = records.map((r) => ({ ...r, organization: { ...r.organization, aliases: [] }, vendors: [], affected: [] })) as unknown as QueryRecord[];
const set = generateQuerySet(plain, { seed: seed + 1, perCategory: Number(values['per-category']), unlabelled: 0, autocomplete: 0 });
const kinds = new Set(['exact', 'typo-1', 'accent-free', 'prefix']);
const queries = set.labelled.filter((l) => kinds.has(l.category) && l.expect.length === 1).map((l) => ({ q: l.q, expect: names.get(l.expect[0]!)!, kind: l.category }));

mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'breaches.json'), JSON.stringify(breaches));
writeFileSync(join(values.out, 'queries.json'), JSON.stringify(queries));
const byKind = Object.fromEntries([...kinds].map((k) => [k, queries.filter((q) => q.kind === k).length]));
process.stderr.write(`bench: ${breaches.length} breaches, ${queries.length} queries ${JSON.stringify(byKind)} written to ${values.out}\n`);
