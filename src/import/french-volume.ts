/**
 * Reads bonjourlafuite's free-text French volumes into record counts with their qualifier:
 * "43 millions de personnes" → about 43,000,000 people; "370 000 personnes" → exactly 370,000;
 * "100 000+ clients" → at least 100,000; "Quelques centaines de milliers de personnes" → at
 * least 100,000; "1.22Go, 13 446 enregistrements, 2 877 personnes" → sizes skipped, both counts
 * kept as a breakdown. Text that is not a count ("Credential stuffing", "82Go", "salariés recrutés
 * avant 2007") gives nothing: a count is never guessed.
 */
import type { RecordCount } from '../core/incident-schema.js';

export interface FrenchVolume {
  /** The one count, or the largest of several as "at least" (the groups may overlap). */
  readonly total?: RecordCount;
  readonly breakdown: readonly RecordCount[];
  /** "3 600 entreprises": organizations hit, not people. */
  readonly organizations?: Omit<RecordCount, 'who'>;
}

type Who = { en: string; fr: string };

/** Head nouns and how to say them in English; the first that starts the text wins (longest first). */
const WHO: readonly [string, Who][] = (
  [
    ["demandeurs d'emploi", 'job seekers'], ['professionnels de la justice', 'justice professionals'], ["pièces d'identité", 'identity documents'],
    ['numéros de téléphone', 'phone numbers'], ['données personnelles', 'personal records'], ['adresses emails', 'email addresses'], ['adresses e-mail', 'email addresses'],
    ['personnels', 'staff'], ['personnes', 'people'], ['personne', 'people'], ['clients', 'customers'], ['comptes', 'accounts'], ['adhérents', 'members'], ['membres', 'members'],
    ['utilisateurs', 'users'], ['patients', 'patients'], ['agents', 'staff'], ['étudiants', 'students'], ['enseignants', 'teachers'], ['employés', 'employees'],
    ['salarié·es', 'employees'], ['salariés', 'employees'], ['licenciés', 'licence holders'], ['abonnés', 'subscribers'], ['administrateurs', 'administrators'],
    ['prospects', 'prospects'], ['concitoyens', 'citizens'], ['citoyens', 'citizens'], ['élèves', 'pupils'], ['jeunes', 'young people'], ['familles', 'families'],
    ['foyers', 'households'], ['supporters', 'supporters'], ['pompiers', 'firefighters'], ['contacts', 'contacts'], ['réservations', 'bookings'],
    ['enregistrements', 'records'], ['entrées', 'entries'], ['profils', 'profiles'], ['emails', 'email addresses'], ['coordinateurs', 'coordinators'],
    ['dossiers', 'case files'], ['photos', 'photos'], ['iban', 'IBANs'], ['mineurs', 'minors'],
  ] as const
)
  .map(([fr, en]) => [fr, { en, fr }] as [string, Who])
  .sort((a, b) => b[0].length - a[0].length);

/** Nouns that count things, not people or records: such a figure is not a record count. */
const NOT_RECORDS = /^\+?\s*(?:fichiers?|documents?|pare-feux|go|gb|mo|to|octets?)(?![\p{L}])/iu;
const ORGANIZATIONS = /^entreprises?\b/i;

const MULTIPLIERS: Readonly<Record<string, number>> = { million: 1e6, millions: 1e6, m: 1e6, milliard: 1e9, milliards: 1e9, k: 1e3 };

const VAGUE: readonly [RegExp, number, RecordCount['qualifier']][] = [
  [/^plusieurs dizaines de milliers\b/i, 10_000, 'at-least'],
  [/^(?:quelques|plusieurs) centaines de milliers\b/i, 100_000, 'at-least'],
  [/^(?:quelques|plusieurs) milliers\b/i, 1_000, 'at-least'],
  [/^(?:quelques|plusieurs) millions\b/i, 1_000_000, 'at-least'],
  [/^(?:quelques|plusieurs) centaines\b/i, 100, 'at-least'],
  [/^une centaine\b/i, 100, 'approximate'],
  [/^un millier\b/i, 1_000, 'approximate'],
  [/^une dizaine de milliers\b/i, 10_000, 'approximate'],
];

// "~50 000", "environ 50 000", "plus de 2 millions", "11 à 15 millions", "100 000+", "1,5 millions", "5M", "9971".
const COUNT_RE =
  /^(~|environ|près de|pres de|plus de|au moins)?\s*(\d{1,3}(?:[ .]\d{3})+|\d+(?:[.,]\d+)?)(?:\s*(?:à|-)\s*(\d{1,3}(?:[ .]\d{3})+|\d+(?:[.,]\d+)?))?\s*(\+)?\s*(millions?|milliards?|M|k)?(?![\p{L}\d]|[.,]\d)\s*(%)?\s*(.*)$/iu;

function number(text: string, multiplied: boolean): number {
  // "2 340 422" and "1.500" group thousands; "1,5" and "1.2" are decimals (before "millions").
  if (/^\d{1,3}(?:[ .]\d{3})+$/.test(text) && !(multiplied && text.includes('.'))) return Number(text.replace(/[ .]/g, ''));
  return Number(text.replace(',', '.'));
}

/** "de personnes" → "personnes"; "d'adhérents" → "adhérents". */
function withoutArticle(text: string): string {
  return text.trim().replace(/^(?:(?:de|des)\s+|d')/i, '').trim();
}

function whoOf(rest: string): Who | undefined {
  const noun = withoutArticle(rest).toLowerCase();
  for (const [fr, who] of WHO) if (noun.startsWith(fr)) return who;
  return undefined;
}

function phraseCount(phrase: string): RecordCount | { organizations: Omit<RecordCount, 'who'> } | undefined {
  for (const [re, count, qualifier] of VAGUE) {
    const m = re.exec(phrase);
    if (m) {
      const who = whoOf(phrase.slice(m[0].length));
      return who ? { count, qualifier, who } : { count, qualifier };
    }
  }
  const m = COUNT_RE.exec(phrase);
  if (!m) return undefined;
  const [, prefix, low, high, plus, multiplierWord, percent, rest = ''] = m;
  if (percent) return undefined;
  const restClean = withoutArticle(rest);
  if (NOT_RECORDS.test(restClean)) return undefined;
  const multiplier = multiplierWord ? MULTIPLIERS[multiplierWord.toLowerCase()] ?? 1 : 1;
  const count = Math.round(number(low!, multiplier > 1) * multiplier);
  if (!Number.isSafeInteger(count) || count <= 0) return undefined;
  let qualifier: RecordCount['qualifier'] = multiplier >= 1e6 ? 'approximate' : 'exact';
  if (prefix && /^(~|environ|pr[eè]s de)$/i.test(prefix)) qualifier = 'approximate';
  if (plus || high || (prefix && /^(plus de|au moins)$/i.test(prefix))) qualifier = 'at-least';
  if (ORGANIZATIONS.test(restClean)) return { organizations: { count, qualifier } };
  const who = whoOf(restClean);
  return who ? { count, qualifier, who } : { count, qualifier };
}

/** The counts a volume cell states, or undefined when it states none. */
export function parseFrenchVolume(raw: string): FrenchVolume | undefined {
  const text = raw
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/[’`]/g, "'")
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  const [main = '', ...subsets] = text.split(/\s+dont\s+/i);
  const counts: RecordCount[] = [];
  let organizations: Omit<RecordCount, 'who'> | undefined;
  for (const phrase of main.split(/,\s+/)) {
    const c = phraseCount(phrase.trim());
    if (!c) continue;
    if ('organizations' in c) organizations ??= c.organizations;
    else counts.push(c);
  }
  const included = subsets.flatMap((s) => {
    const c = phraseCount(s.replace(/^environ\s+/i, '~').trim());
    return c && !('organizations' in c) ? [c] : [];
  });
  let result: FrenchVolume | undefined;
  if (counts.length === 1) result = { total: counts[0]!, breakdown: included };
  else if (counts.length > 1) {
    const largest = counts.reduce((a, b) => (b.count > a.count ? b : a));
    result = { total: { count: largest.count, qualifier: 'at-least' }, breakdown: [...counts, ...included] };
  } else if (included.length > 0) result = { breakdown: included };
  if (organizations) result = { ...(result ?? { breakdown: [] }), organizations };
  return result;
}
