/**
 * An external corpus in Have I Been Pwned's breach-list format (what `GET /api/v3/breaches`
 * returns), mapped to incidents with the importer's `hibpToIncidents` when it is there, and
 * labelled queries `{ q, expect: <HIBP Name> }` resolved to the incident ids that Name became.
 */
import { readFileSync } from 'node:fs';
import type { IncidentInput } from '../src/core/incident-schema.js';
import { isDataClassName } from '../src/core/data-classes.js';
import { isValidPartialDate } from '../src/core/partial-date.js';
import { slug } from './corpus.js';
import type { LabelledQuery } from './query-set.js';

interface HibpBreach {
  Name: string;
  Title?: string;
  Domain?: string;
  BreachDate?: string;
  AddedDate?: string;
  PwnCount?: number;
  Description?: string;
  DataClasses?: string[];
  IsVerified?: boolean;
  IsFabricated?: boolean;
  IsSensitive?: boolean;
  IsRetired?: boolean;
  IsSpamList?: boolean;
  IsMalware?: boolean;
  IsStealerLog?: boolean;
}

const ATTRIBUTION = 'Source: Have I Been Pwned (haveibeenpwned.com), CC BY 4.0';

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A minimal mapping, used only while the importer's `src/import/hibp.ts` does not exist. */
export function fallbackHibpToIncidents(breaches: readonly HibpBreach[]): IncidentInput[] {
  const used = new Set<string>();
  return breaches.map((b) => {
    let id = `hibp-${slug(b.Name)}`;
    for (let n = 2; used.has(id); n++) id = `hibp-${slug(b.Name)}-${n}`;
    used.add(id);
    const title = b.Title?.trim() || b.Name;
    const classes = b.DataClasses ?? [];
    const start = b.BreachDate && isValidPartialDate(b.BreachDate) ? b.BreachDate : undefined;
    return {
      id,
      title: { en: title },
      organization: {
        name: title,
        aliases: b.Name !== title ? [b.Name] : [],
        domains: b.Domain && /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(b.Domain) ? [b.Domain.toLowerCase()] : [],
      },
      dates: start ? { occurred: { start } } : {},
      addedAt: b.AddedDate ?? '2025-01-01T00:00:00Z',
      ...(typeof b.PwnCount === 'number' ? { records: { total: { count: b.PwnCount, qualifier: 'exact' as const } } } : {}),
      dataClasses: [...new Set(classes.filter(isDataClassName))],
      otherDataClasses: classes.filter((c) => !isDataClassName(c)),
      summary: { en: stripHtml(b.Description ?? '') || title },
      sources: [{ publisher: 'Have I Been Pwned', title, language: 'en', url: `https://haveibeenpwned.com/Breach/${encodeURIComponent(b.Name)}`, attribution: ATTRIBUTION }],
      verified: b.IsVerified ?? false,
      flags: {
        fabricated: b.IsFabricated ?? false,
        sensitive: b.IsSensitive ?? false,
        spamList: b.IsSpamList ?? false,
        malware: b.IsMalware ?? false,
        retired: b.IsRetired ?? false,
        stealerLog: b.IsStealerLog ?? false,
      },
      provenance: { source: 'hibp', sourceId: b.Name, attribution: ATTRIBUTION, license: 'CC-BY-4.0' },
    };
  });
}

/** Reads a breach-list file and maps it; says which mapping it used. */
export async function loadHibpCorpus(file: string): Promise<{ records: unknown[]; mapper: string }> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const list = Array.isArray(raw) ? raw : (raw as { breaches?: unknown }).breaches;
  if (!Array.isArray(list)) throw new Error(`bench: ${file} is not a JSON array of HIBP breaches`);
  let importer: { hibpToIncidents?: (b: unknown) => unknown } | undefined;
  try {
    // A variable specifier: the importer may not exist yet, and the type checker must not require it.
    const specifier = '../src/import/hibp.js';
    importer = (await import(specifier)) as typeof importer;
  } catch {
    importer = undefined;
  }
  if (importer?.hibpToIncidents) {
    const out = importer.hibpToIncidents(list) as unknown;
    const records = Array.isArray(out) ? out : ((out as { incidents?: unknown[] }).incidents ?? []);
    return { records, mapper: 'src/import/hibp.ts hibpToIncidents' };
  }
  return { records: fallbackHibpToIncidents(list as HibpBreach[]), mapper: 'bench fallback mapping (src/import/hibp.ts absent)' };
}

/** `{ q, expect: Name }` → labelled queries whose right answers are the incidents that Name became. */
export function resolveHibpQueries(
  queries: readonly { q: string; expect: string }[],
  incidents: readonly { id: string; provenance?: { sourceId?: string | undefined } | undefined }[],
): { labelled: LabelledQuery[]; unresolved: number } {
  const byName = new Map<string, string[]>();
  const add = (k: string, id: string) => byName.set(k, [...(byName.get(k) ?? []), id]);
  for (const i of incidents) {
    if (i.provenance?.sourceId) add(i.provenance.sourceId.toLowerCase(), i.id);
  }
  const ids = new Set(incidents.map((i) => i.id));
  let unresolved = 0;
  const labelled = queries.map(({ q, expect }) => {
    let found = byName.get(expect.toLowerCase()) ?? [];
    if (found.length === 0) found = [slug(expect), `hibp-${slug(expect)}`].filter((id) => ids.has(id));
    if (found.length === 0) unresolved++;
    return { q, category: 'external' as const, expect: found };
  });
  return { labelled, unresolved };
}
