/**
 * The VERIS Community Database (VCDB, Verizon RISK Team) → incidents. CC BY-SA 4.0: anything
 * built from it must be shared alike, so it is an optional import pack (`breachbot import vcdb
 * --file vcdb.json.zip`), never in the default bundle. Reads the JSON array (schema 1.3.x) or
 * the zip it ships in. Decisions: `timeline.incident` → `dates.occurred.start` at the precision
 * given; `plus.timeline.notification` → `dates.disclosed`; `plus.created` (when VCDB's analysts
 * coded it) → `addedAt`; `data_total` → an exact total; verified only when VCDB marks the record
 * "Validated".
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import type { IncidentInput } from '../core/incident-schema.js';
import { comparePartialDates, isValidPartialDate } from '../core/partial-date.js';
import { countInto, emptyResult, FEEDS, IdAllocator, isoDateTime, type ImportResult } from './feeds.js';
import { cleanInline, hostOf, httpUrl, slugify, truncate } from './import-text.js';

const FEED = FEEDS.vcdb;

/** The first `.json` entry of a zip archive (stored or deflated), as text. */
export function unzipFirstJson(zip: Buffer): string {
  // The central directory lists entries with sizes that local headers may leave out.
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (!name.endsWith('.json')) continue;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (method === 0) return data.toString('utf8');
    if (method === 8) return inflateRawSync(data).toString('utf8');
    throw new Error(`zip entry ${name} uses compression method ${method}`);
  }
  throw new Error('no .json file in the zip archive');
}

/** VCDB records from a `.json` file (an array, or one incident) or the `.zip` VCDB ships. */
export function readVcdbFile(path: string): unknown[] {
  const buffer = readFileSync(path);
  const text = path.endsWith('.zip') ? unzipFirstJson(buffer) : buffer.toString('utf8');
  const data = JSON.parse(text) as unknown;
  return Array.isArray(data) ? data : [data];
}

const ACTIONS: Readonly<Record<string, { en: string; fr: string }>> = {
  hacking: { en: 'hacking', fr: 'piratage' },
  malware: { en: 'malware', fr: 'logiciel malveillant' },
  social: { en: 'social engineering', fr: 'ingénierie sociale' },
  misuse: { en: 'misuse by an insider', fr: 'abus par un initié' },
  physical: { en: 'physical theft or tampering', fr: 'vol ou atteinte physique' },
  error: { en: 'error', fr: 'erreur' },
  environmental: { en: 'environmental event', fr: 'événement environnemental' },
  unknown: { en: 'unknown cause', fr: 'cause inconnue' },
};

const VARIETIES: Readonly<Record<string, string>> = {
  Medical: 'Health records',
  Payment: 'Payment info',
  Bank: 'Bank account numbers',
  Credentials: 'Passwords',
};

/** NAICS sectors by their first two digits. */
const NAICS: Readonly<Record<string, string>> = {
  '11': 'agriculture', '21': 'mining', '22': 'utilities', '23': 'construction', '31': 'manufacturing', '32': 'manufacturing', '33': 'manufacturing',
  '42': 'wholesale trade', '44': 'retail', '45': 'retail', '48': 'transportation', '49': 'transportation', '51': 'information', '52': 'finance and insurance',
  '53': 'real estate', '54': 'professional services', '55': 'management of companies', '56': 'administrative services', '61': 'education', '62': 'healthcare',
  '71': 'arts and entertainment', '72': 'accommodation and food services', '81': 'other services', '92': 'public administration',
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

function partialDate(t: unknown): string | undefined {
  const { year, month, day } = obj(t);
  if (typeof year !== 'number') return undefined;
  const y = String(year).padStart(4, '0');
  const m = typeof month === 'number' ? String(month).padStart(2, '0') : undefined;
  const d = m && typeof day === 'number' ? String(day).padStart(2, '0') : undefined;
  const value = d ? `${y}-${m}-${d}` : m ? `${y}-${m}` : y;
  return isValidPartialDate(value) ? value : undefined;
}

/** Maps VCDB records to incidents; see the module comment. */
export function vcdbToIncidents(records: readonly unknown[], now = new Date()): ImportResult {
  const result = emptyResult();
  const ids = new IdAllocator();
  records.forEach((raw, i) => {
    const r = obj(raw);
    const victim = obj(r.victim);
    const name = typeof victim.victim_id === 'string' ? cleanInline(victim.victim_id) : '';
    const incidentId = typeof r.incident_id === 'string' ? r.incident_id.toLowerCase() : '';
    if (!name || /^unknown$/i.test(name) || !incidentId) {
      result.problems.push(`[${i}]: ${!incidentId ? 'no incident_id' : 'no victim name'}`);
      return;
    }
    const id = ids.take(`${FEED.idPrefix}-${slugify(name, 40) || 'victim'}-${incidentId.replace(/[^a-z0-9]/g, '').slice(0, 8)}`);
    const actions = Object.keys(obj(r.action)).map((a) => ACTIONS[a]).filter((a): a is { en: string; fr: string } => a !== undefined);
    const occurred = partialDate(obj(r.timeline).incident);
    const plus = obj(r.plus);
    const disclosed = partialDate(obj(plus.timeline).notification);
    const country = Array.isArray(victim.country) ? victim.country.find((c): c is string => typeof c === 'string' && /^[A-Z]{2}$/.test(c)) : undefined;
    const industry = typeof victim.industry === 'string' ? NAICS[victim.industry.slice(0, 2)] : undefined;
    const dataClasses: string[] = [];
    const otherDataClasses: string[] = [];
    for (const d of (obj(obj(r.attribute).confidentiality).data as unknown[] | undefined) ?? []) {
      const variety = obj(d).variety;
      if (typeof variety !== 'string' || variety === 'Unknown') continue;
      const mapped = VARIETIES[variety];
      if (mapped && !dataClasses.includes(mapped)) dataClasses.push(mapped);
      if (!mapped && !otherDataClasses.includes(variety)) {
        otherDataClasses.push(variety);
        countInto(result.unknownDataClasses, variety);
      }
    }
    const total = typeof r.data_total === 'number' && Number.isSafeInteger(r.data_total) && r.data_total >= 0 ? r.data_total : undefined;
    const urls = typeof r.reference === 'string' ? [...new Set(r.reference.split(/[;\s]+/).map((u) => httpUrl(u)).filter((u): u is string => !!u))] : [];
    const summary = typeof r.summary === 'string' ? cleanInline(r.summary) : '';
    const how = actions.length ? actions : [ACTIONS.unknown!];
    const validated = typeof plus.analysis_status === 'string' && /validated/i.test(plus.analysis_status);
    const incident: IncidentInput = {
      id,
      kind: 'breach',
      title: { en: `${name}: ${how.map((a) => a.en).join(', ')}`, fr: `${name} : ${how.map((a) => a.fr).join(', ')}` },
      organization: {
        name,
        aliases: [],
        domains: [],
        ...(country ? { country } : {}),
        ...(typeof victim.state === 'string' && victim.state.trim() ? { region: victim.state.trim() } : {}),
        ...(industry ? { sector: industry } : {}),
      },
      dates: { ...(occurred ? { occurred: { start: occurred } } : {}), ...(disclosed && (!occurred || comparePartialDates(disclosed, occurred) >= 0) ? { disclosed } : {}) },
      addedAt: isoDateTime(plus.created) ?? isoDateTime(now.toISOString())!,
      ...(total !== undefined ? { records: { total: { count: total, qualifier: 'exact' }, breakdown: [] } } : {}),
      dataClasses,
      otherDataClasses,
      cause: { en: how.map((a) => a.en).join(', '), fr: how.map((a) => a.fr).join(', ') },
      summary: { en: summary || `${name}: an incident recorded by the VERIS Community Database (${how.map((a) => a.en).join(', ')}).` },
      sources: [
        ...urls.slice(0, 3).map((url) => ({ publisher: hostOf(url), title: truncate(`${name} — ${hostOf(url)}`, 200), language: 'en', url })),
        { publisher: FEED.publisher, kind: 'feed-entry', subject: name, language: 'en', url: FEED.homepage },
      ],
      verified: validated,
      provenance: { source: FEED.name, sourceId: incidentId, publisher: FEED.publisher, attribution: FEED.attribution, license: FEED.license },
    };
    result.incidents.push(incident);
  });
  return result;
}
