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
import { toHibpBreaches } from './hibp-format.js';

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

const { breaches, names } = toHibpBreaches(records);

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
