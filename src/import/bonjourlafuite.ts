/**
 * bonjourlafuite.eu.org (the French breach list) → incidents. Its CSV export is `;`-separated,
 * every field quoted; `data` and `links` are Python-literal lists (not JSON); `volume` is free
 * French text. Decisions:
 *
 * - `date` is when the leak became public: `dates.disclosed`, and `addedAt` (the list has no
 *   separate "added" date; it lists a leak as it becomes public).
 * - `processor` is the organization; its parenthesized names and "&"-joined parts become aliases
 *   ("Match Group (Hinge, Match, OKCupid)"); `subcontractor` is the vendor the data leaked through.
 * - `status`: confirmed → verified; claimed / untrusted → not verified, and said so.
 * - `sensitive` ("True": the leak holds sensitive data such as health or social security
 *   numbers) → the sensitive flag.
 * - The list tracks leaks that hit people in France, so records are filed under FR (noted in
 *   `established`), even when the organization is foreign (Ticketmaster).
 * - Summaries are written from the fields, in French and in English; items the vocabulary does
 *   not cover are kept verbatim (in French) in `otherDataClasses`.
 */
import type { IncidentInput } from '../core/incident-schema.js';
import { isValidPartialDate } from '../core/partial-date.js';
import { dataClassLabel } from '../core/data-classes.js';
import { formatDate, formatNumber } from '../core/locale-format.js';
import { parseCsvRecords } from './csv.js';
import { classesInFrenchItem } from './data-class-mapping.js';
import { countInto, emptyResult, FEEDS, IdAllocator, type ImportResult } from './feeds.js';
import { parseFrenchVolume } from './french-volume.js';
import { cleanInline, hostOf, httpUrl, slugify, truncate } from './import-text.js';
import { parsePythonLiteral, type PyValue } from './python-literal.js';

const FEED = FEEDS.bonjourlafuite;

export interface BonjourLaFuiteRow {
  readonly date: string;
  readonly status: string;
  readonly processor: string;
  readonly subcontractor: string;
  readonly organization_type: string;
  readonly volume: string;
  readonly data: string;
  readonly sensitive: string;
  readonly links: string;
}

const SECTORS: Readonly<Record<string, { en: string; fr: string }>> = {
  private_company: { en: 'private company', fr: 'entreprise privée' },
  public_authority: { en: 'public authority', fr: 'administration publique' },
  federation: { en: 'federation', fr: 'fédération' },
  association: { en: 'association', fr: 'association' },
};

/** Hosts whose articles are in English (the rest of the list's links are French). */
const ENGLISH_HOSTS = /(?:^|\.)(?:bleepingcomputer\.com|thehackernews\.com|techcrunch\.com|therecord\.media|securityweek\.com|socradar\.io|databreaches\.net|cybernews\.com|hackread\.com|theregister\.com|zdnet\.com|reuters\.com|haveibeenpwned\.com|x\.com|twitter\.com)$/i;

/** Parses the CSV text of the list into rows (header names as keys). */
export function parseBonjourLaFuiteCsv(text: string): BonjourLaFuiteRow[] {
  return parseCsvRecords(text, ';') as unknown as BonjourLaFuiteRow[];
}

/** A Python-literal list cell as a list; a cell that is not one is read as a single item. */
function listCell(cell: string, where: string, problems: string[]): PyValue[] {
  const text = cell.trim();
  if (!text) return [];
  try {
    const value = parsePythonLiteral(text);
    return Array.isArray(value) ? value : [value];
  } catch (err) {
    problems.push(`${where}: not a Python list (${(err as Error).message}); read as one item`);
    return [text.replace(/\\xa0/g, ' ')];
  }
}

/** "Match Group (Hinge, Match, OKCupid)" → aliases "Match Group", "Hinge", "Match", "OKCupid". */
export function processorAliases(processor: string): string[] {
  const out: string[] = [];
  const inParens = [...processor.matchAll(/\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(/\s*,\s*/));
  const outside = processor.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (outside !== processor) out.push(outside);
  out.push(...inParens);
  const parts = outside.split(/\s+&\s+/);
  if (parts.length > 1) out.push(...parts);
  // "Almerys, Viamedis": a comma list of one-word names, not "Ministère des Sports, de la Jeunesse".
  const commaParts = outside.split(/\s*,\s*/);
  if (commaParts.length > 1 && commaParts.every((p) => /^\S+$/.test(p))) out.push(...commaParts);
  return [...new Set(out.map((a) => a.trim()).filter((a) => a && a !== processor))];
}

/** Maps the list's rows to incidents; see the module comment. */
export function bonjourLaFuiteToIncidents(rows: readonly BonjourLaFuiteRow[] | readonly Record<string, string>[]): ImportResult {
  const result = emptyResult();
  const ids = new IdAllocator();
  rows.forEach((raw, i) => {
    const row = raw as Partial<BonjourLaFuiteRow>;
    const where = `row ${i + 2}`;
    const processor = cleanInline(row.processor ?? '');
    const date = (row.date ?? '').trim();
    if (!processor) {
      result.problems.push(`${where}: no processor (organization)`);
      return;
    }
    if (!isValidPartialDate(date)) {
      result.problems.push(`${where}: "${date}" is not a date (YYYY-MM-DD)`);
      return;
    }
    result.incidents.push(toIncident(row, processor, date, where, ids, result));
  });
  return result;
}

function toIncident(row: Partial<BonjourLaFuiteRow>, processor: string, date: string, where: string, ids: IdAllocator, result: ImportResult): IncidentInput {
  const id = ids.take(`${FEED.idPrefix}-${slugify(processor, 50) || 'fuite'}-${date}`);
  const status = (row.status ?? '').trim().toLowerCase();
  const confirmed = status === 'confirmed';
  if (status && !['confirmed', 'claimed', 'untrusted'].includes(status)) result.problems.push(`${where}: unknown status "${status}" (read as not confirmed)`);

  const vendors = cleanInline(row.subcontractor ?? '')
    .split(/\s*,\s*|\s+et\s+/)
    .filter(Boolean)
    .map((name) => ({ name, aliases: [], role: { en: 'subcontractor through which the data leaked', fr: 'sous-traitant par lequel les données ont fuité' } }));

  const dataClasses: string[] = [];
  const otherDataClasses: string[] = [];
  for (const item of listCell(row.data ?? '', `${where} data`, result.problems)) {
    if (typeof item !== 'string') continue;
    const text = cleanInline(item);
    if (!text) continue;
    const classes = classesInFrenchItem(text);
    for (const c of classes) if (!dataClasses.includes(c)) dataClasses.push(c);
    if (classes.length === 0 && !otherDataClasses.includes(text)) {
      otherDataClasses.push(truncate(text, 200));
      countInto(result.unknownDataClasses, text);
    }
  }

  const sources: NonNullable<IncidentInput['sources']> = [];
  const seen = new Set<string>();
  for (const link of listCell(row.links ?? '', `${where} links`, result.problems)) {
    const href = typeof link === 'string' ? link : link && typeof link === 'object' && !Array.isArray(link) ? link.href : undefined;
    const label = link && typeof link === 'object' && !Array.isArray(link) && typeof link.text === 'string' ? cleanInline(link.text) : '';
    const url = typeof href === 'string' ? httpUrl(href) : undefined;
    if (!url) {
      if (href !== undefined) result.problems.push(`${where}: link "${String(href).slice(0, 80)}" is not an http(s) URL (left out)`);
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    const host = hostOf(url);
    const generic = !label || /^sources?$/i.test(label);
    sources.push({
      publisher: host,
      ...(generic && host === 'bonjourlafuite.eu.org' ? { kind: 'screenshot' as const, subject: processor } : { title: generic ? `${processor} — ${host}` : truncate(label, 200) }),
      date,
      language: ENGLISH_HOSTS.test(host) ? 'en' : 'fr',
      url,
    });
  }
  sources.push({ publisher: FEED.publisher, kind: 'feed-entry', subject: processor, date, language: 'fr', url: FEED.homepage });

  const volume = parseFrenchVolume(row.volume ?? '');
  const volumeText = cleanInline(row.volume ?? '');
  const sector = SECTORS[(row.organization_type ?? '').trim()];
  const sensitive = /^true$/i.test((row.sensitive ?? '').trim());
  const records = volume?.total || volume?.breakdown.length ? { ...(volume.total ? { total: volume.total } : {}), breakdown: [...volume.breakdown] } : undefined;

  const via = vendors.map((v) => v.name).join(', ');
  const classesEn = [...dataClasses.map((c) => dataClassLabel(c, 'en'))];
  const classesFr = [...dataClasses.map((c) => dataClassLabel(c, 'fr')), ...otherDataClasses];

  const fr = [
    `Fuite de données chez ${processor}${via ? ` via ${via}` : ''}, rendue publique le ${formatDate(date, 'fr')}.`,
    // A volume read as a count is the record's count, shown beside the summary; one that is not is quoted.
    records ? '' : volumeText ? `Volume indiqué : « ${volumeText} ».` : '',
    classesFr.length ? `Données : ${truncate(classesFr.join(', '), 500)}.` : '',
    volume?.organizations ? `${formatNumber(volume.organizations.count, 'fr')} entreprises touchées.` : '',
    sensitive ? 'La liste la signale comme sensible.' : '',
    confirmed ? '' : status === 'untrusted' ? 'Information jugée peu fiable par la liste.' : 'Revendiquée, non confirmée.',
  ];
  const en = [
    `Data leak at ${processor}${via ? ` through ${via}` : ''}, made public on ${formatDate(date, 'en')}.`,
    records ? '' : volumeText ? `Volume given (in French): "${volumeText}".` : '',
    classesEn.length ? `Data: ${classesEn.join(', ')}${otherDataClasses.length ? `, and items listed in French: ${truncate(otherDataClasses.join(', '), 300)}` : ''}.` : otherDataClasses.length ? `Data listed in French: ${truncate(otherDataClasses.join(', '), 400)}.` : '',
    volume?.organizations ? `${formatNumber(volume.organizations.count, 'en')} companies affected.` : '',
    sensitive ? 'The list marks it as sensitive.' : '',
    confirmed ? '' : status === 'untrusted' ? 'The list deems the report unreliable.' : 'Claimed, not confirmed.',
  ];

  return {
    id,
    kind: 'breach',
    title: {
      en: `${processor}: data leak${via ? ` through ${via}` : ''}`,
      fr: `${processor} : fuite de données${via ? ` via ${via}` : ''}`,
    },
    organization: {
      name: processor,
      aliases: processorAliases(processor),
      domains: [],
      ...(sector ? { sector: sector.en } : {}),
    },
    vendors,
    ...(volume?.organizations ? { affectedCount: volume.organizations } : {}),
    dates: { disclosed: date },
    addedAt: `${date}T00:00:00Z`,
    ...(records ? { records } : {}),
    dataClasses,
    otherDataClasses,
    summary: { en: en.filter(Boolean).join(' '), fr: fr.filter(Boolean).join(' ') },
    sources,
    verified: confirmed,
    flags: sensitive ? { sensitive: true } : {},
    provenance: { source: FEED.name, sourceId: `${date} ${processor}`, publisher: FEED.publisher, attribution: FEED.attribution, license: FEED.license },
    ...(records || !volumeText ? {} : { unstated: [`records (the list's volume, "${truncate(volumeText, 80)}", is not a count)`] }),
    peopleCountries: ['FR'],
    established: [{ path: 'peopleCountries', basis: 'article-clues', reading: 'people-in-france-list' }],
  };
}
