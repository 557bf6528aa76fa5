/**
 * The US HHS Office for Civil Rights breach portal (breaches of unsecured health information
 * affecting 500 or more people) → incidents. The portal's exports come as several CSVs (the
 * resolved archive, the cases under investigation at different dates) that overlap: rows are
 * deduplicated on (name, state, submission date), names compared case- and space-insensitively,
 * the file given last winning (the newest export has the newest counts). Decisions:
 *
 * - "Breach Submission Date" (when the entity reported to HHS) → `dates.disclosed`, and
 *   `addedAt` (the portal lists a case from its submission; the exports carry no other date).
 * - Every case is a breach of health records (that is what the portal lists); other classes
 *   come from the narrative when there is one ("The PHI involved included names, Social
 *   Security numbers...").
 * - The entity's own report to its regulator: verified. "Business Associate Present" (a vendor
 *   was involved, unnamed) is said in the summary and the cause.
 */
import type { IncidentInput } from '../core/incident-schema.js';
import { isValidPartialDate } from '../core/partial-date.js';
import { formatDate, formatNumber } from '../core/locale-format.js';
import { parseCsvRecords } from './csv.js';
import { classesInEnglishProse } from './data-class-mapping.js';
import { countInto, emptyResult, FEEDS, IdAllocator, type ImportResult } from './feeds.js';
import { cleanInline, slugify } from './import-text.js';

const FEED = FEEDS['hhs-ocr'];

/** One CSV file of the portal, as read: rows keyed by the header's column names. */
export interface HhsOcrFile {
  readonly name: string;
  readonly rows: readonly Record<string, string>[];
}

export function parseHhsOcrCsv(name: string, text: string): HhsOcrFile {
  return { name, rows: parseCsvRecords(text, ',') };
}

const STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia',
  FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine',
  MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada',
  NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia',
  WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming', PR: 'Puerto Rico', GU: 'Guam', VI: 'US Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

const BREACH_TYPES: Readonly<Record<string, { en: string; fr: string }>> = {
  'hacking/it incident': { en: 'hacking/IT incident', fr: 'piratage ou incident informatique' },
  'unauthorized access/disclosure': { en: 'unauthorized access or disclosure', fr: 'accès ou divulgation non autorisés' },
  theft: { en: 'theft', fr: 'vol' },
  loss: { en: 'loss', fr: 'perte' },
  'improper disposal': { en: 'improper disposal', fr: 'élimination inappropriée' },
  other: { en: 'other', fr: 'autre' },
  unknown: { en: 'unknown', fr: 'inconnu' },
};

const LOCATIONS: Readonly<Record<string, { en: string; fr: string }>> = {
  'network server': { en: 'network server', fr: 'serveur réseau' },
  email: { en: 'email', fr: 'messagerie' },
  'paper/films': { en: 'paper/films', fr: 'papier ou films' },
  laptop: { en: 'laptop', fr: 'ordinateur portable' },
  'desktop computer': { en: 'desktop computer', fr: 'ordinateur de bureau' },
  'electronic medical record': { en: 'electronic medical record', fr: 'dossier médical électronique' },
  'other portable electronic device': { en: 'other portable electronic device', fr: 'autre appareil électronique portable' },
  other: { en: 'other', fr: 'autre' },
};

const ENTITY_TYPES: Readonly<Record<string, { en: string; fr: string }>> = {
  'healthcare provider': { en: 'healthcare provider', fr: 'prestataire de santé' },
  'health plan': { en: 'health plan', fr: 'assurance santé' },
  'business associate': { en: 'business associate (vendor to healthcare)', fr: 'prestataire d’un acteur de santé' },
  'healthcare clearing house': { en: 'healthcare clearinghouse', fr: 'chambre de compensation santé' },
};

/** "Hacking/IT Incident, Theft" → each part in both languages. */
function translateList(cell: string, table: Readonly<Record<string, { en: string; fr: string }>>): { en: string; fr: string } | undefined {
  const parts = cell.split(/\s*,\s*/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return undefined;
  const each = parts.map((p) => table[p.toLowerCase()] ?? { en: p, fr: p });
  return { en: each.map((e) => e.en).join(', '), fr: each.map((e) => e.fr).join(', ') };
}

/** "04/26/2024" or "2024-04-26" → "2024-04-26". */
function isoDay(cell: string): string | undefined {
  const v = cell.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const day = us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : v.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && isValidPartialDate(day) ? day : undefined;
}

const col = (row: Record<string, string>, name: string) => cleanInline(row[name] ?? '');

/** "MHNU Corporation d/b/a Medical Home Network" → "Medical Home Network" (the name people know). */
function tradeNames(name: string): string[] {
  return [...name.matchAll(/\b(?:d\/b\/a|dba|aka|a\/k\/a)\b[\s:]*([^,;()]+)/gi)].map((m) => m[1]!.trim().replace(/[.\s]+$/, '')).filter((a) => a.length > 1);
}

interface Candidate {
  readonly row: Record<string, string>;
  readonly file: string;
  readonly name: string;
  readonly state: string;
  readonly date: string;
}

/** The facts sentence `toIncident` writes when a case has no narrative (see `factsEn` there). */
const FACTS_SENTENCE = / reported an? .+ to the US HHS Office for Civil Rights on .+\.( A business associate \(vendor\) was involved\.)?$/;

/**
 * The portal's narrative an earlier import kept for a case (its English summary, unless that is
 * only the facts sentence written for a case without one); undefined when there was none.
 */
export function earlierNarrative(record: Pick<IncidentInput, 'summary'> | undefined): string | undefined {
  const text = record?.summary?.en?.trim();
  return text && !FACTS_SENTENCE.test(text) ? text : undefined;
}

/** A case's key in `earlier`: name (any case), state, submission date, as the provenance's `sourceId` holds it. */
export function caseKey(sourceId: string): string {
  return sourceId.toLowerCase();
}

export interface HhsOcrOptions {
  /**
   * Narratives of the cases an earlier import had, by `caseKey(provenance.sourceId)`: a newer
   * export whose row has none keeps the earlier one (the newest export's counts still win).
   */
  readonly earlier?: ReadonlyMap<string, string>;
}

/** Deduplicates the files' rows and maps them to incidents; see the module comment. */
export function hhsOcrToIncidents(files: readonly HhsOcrFile[], options: HhsOcrOptions = {}): ImportResult {
  const result = emptyResult();
  const byKey = new Map<string, Candidate>();
  for (const file of files) {
    file.rows.forEach((row, i) => {
      const name = col(row, 'Name of Covered Entity');
      const state = col(row, 'State').toUpperCase();
      const date = isoDay(row['Breach Submission Date'] ?? '');
      if (!name || !date) {
        result.problems.push(`${file.name} row ${i + 2}: ${!name ? 'no Name of Covered Entity' : `"${row['Breach Submission Date'] ?? ''}" is not a submission date`}`);
        return;
      }
      const key = `${name.toLowerCase()}|${state}|${date}`;
      const previous = byKey.get(key);
      if (previous) countInto(result.skipped, 'duplicate (same name, state and submission date)');
      // The later file (a newer export) wins, but an earlier narrative is kept if it has none.
      const description = col(row, 'Web Description') || (previous ? col(previous.row, 'Web Description') : '') || (options.earlier?.get(caseKey(`${name}|${state}|${date}`)) ?? '');
      byKey.set(key, { row: { ...row, 'Web Description': description }, file: file.name, name, state, date });
    });
  }
  const ids = new IdAllocator();
  const sorted = [...byKey.values()].sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name) || a.state.localeCompare(b.state));
  for (const c of sorted) result.incidents.push(toIncident(c, ids));
  return result;
}

function toIncident(c: Candidate, ids: IdAllocator): IncidentInput {
  const { row, name, state, date } = c;
  const id = ids.take(`${FEED.idPrefix}-${slugify(name, 50) || 'entity'}-${date}`);
  const stateName = STATES[state];
  const individuals = Number((row['Individuals Affected'] ?? '').replace(/[,\s]/g, ''));
  const hasCount = (row['Individuals Affected'] ?? '').trim() !== '' && Number.isSafeInteger(individuals) && individuals >= 0;
  const type = translateList(col(row, 'Type of Breach'), BREACH_TYPES) ?? BREACH_TYPES.unknown!;
  const location = translateList(col(row, 'Location of Breached Information'), LOCATIONS);
  const entity = ENTITY_TYPES[col(row, 'Covered Entity Type').toLowerCase()];
  const vendorInvolved = /^yes$/i.test(col(row, 'Business Associate Present'));
  const narrative = col(row, 'Web Description');

  const dataClasses = ['Health records'];
  for (const cls of classesInEnglishProse(narrative)) if (!dataClasses.includes(cls)) dataClasses.push(cls);

  // The narrative, when there is one, already tells the story: the facts sentence stands in for it otherwise.
  const where = stateName ? `, ${stateName}` : '';
  const people = (lang: 'en' | 'fr') => (hasCount ? `${formatNumber(individuals, lang)} ${lang === 'fr' ? (individuals > 1 ? 'personnes' : 'personne') : individuals === 1 ? 'person' : 'people'}` : '');
  const factsEn = `${name} (${entity?.en ?? 'covered entity'}${where}) reported a ${type.en}${location ? ` involving ${location.en}` : ''} to the US HHS Office for Civil Rights on ${formatDate(date, 'en')}${hasCount ? `, affecting ${people('en')}` : ''}.${vendorInvolved ? ' A business associate (vendor) was involved.' : ''}`;
  const factsFr = `Déclarée à l'autorité de santé américaine (HHS OCR) le ${formatDate(date, 'fr')} : ${type.fr}${location ? ` (${location.fr})` : ''}${hasCount ? `, ${people('fr')} touchée${individuals > 1 ? 's' : ''}` : ''}.${vendorInvolved ? ' Un prestataire était impliqué.' : ''}`;

  const aliases = tradeNames(name).filter((a) => a.toLowerCase() !== name.toLowerCase());
  return {
    id,
    kind: 'breach',
    title: {
      en: `${name}: ${type.en}${location ? ` (${location.en})` : ''}`,
      fr: `${name} : ${type.fr}${location ? ` (${location.fr})` : ''}`,
    },
    organization: {
      name,
      aliases,
      domains: [],
      country: 'US',
      ...(stateName ? { region: stateName } : {}),
      sector: entity?.en ?? 'healthcare',
    },
    dates: { disclosed: date },
    addedAt: `${date}T00:00:00Z`,
    ...(hasCount ? { records: { total: { count: individuals, qualifier: 'exact', who: { en: 'individuals', fr: 'personnes' } }, breakdown: [] } } : {}),
    dataClasses,
    cause: {
      en: `${type.en[0]!.toUpperCase()}${type.en.slice(1)}${location ? `; information on ${location.en}` : ''}${vendorInvolved ? '; a business associate (vendor) was involved' : ''}.`,
      fr: `${type.fr[0]!.toUpperCase()}${type.fr.slice(1)}${location ? ` ; support : ${location.fr}` : ''}${vendorInvolved ? ' ; un prestataire était impliqué' : ''}.`,
    },
    summary: { en: narrative || factsEn, fr: factsFr },
    sources: [
      {
        publisher: FEED.publisher,
        kind: 'breach-report',
        subject: name,
        date,
        language: 'en',
        url: FEED.homepage,
      },
    ],
    verified: true,
    provenance: { source: FEED.name, sourceId: `${name}|${state}|${date}`, publisher: FEED.publisher, attribution: FEED.attribution, license: FEED.license },
  };
}
