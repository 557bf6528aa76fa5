/**
 * What a reader must never see in an answer, checked on the text of any renderer's output:
 * English labels in French answers (and French in English ones), French elision, plural and
 * preposition slips, French punctuation without its narrow no-break space, English quotes in
 * French, internal field paths, doubled quotation marks.
 *
 * The data's own words (names, titles, summaries, source titles, quotes from sources) are taken
 * out first: only what the bot itself wrote is judged for language. Field paths and doubled
 * quotes are judged on everything.
 */
import type { Incident } from '../../src/core/incident-schema.js';
import type { Lang } from '../../src/core/lang.js';

export interface Violation {
  readonly rule: string;
  readonly excerpt: string;
}

const MONTHS_FR = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';

/** The words an incident brings into any answer verbatim, longest first. */
export function dataStrings(incidents: readonly Incident[]): string[] {
  const out = new Set<string>();
  const add = (s: string | undefined) => {
    if (!s) return;
    const t = s.trim();
    if (t.length < 2) return;
    out.add(t);
    // Renderers collapse white space and clip long texts: keep long texts' sentences as well.
    const flat = t.replace(/\s+/g, ' ');
    out.add(flat);
    // Long texts are clipped by the renderers: their sentences are taken out one by one too.
    if (flat.length > 300) for (const part of flat.split(/(?<=[.;!?])\s+/)) if (part.trim().length > 3) out.add(part.trim());
  };
  for (const inc of incidents) {
    const o = inc.organization;
    [o.name, ...o.aliases, ...o.domains, o.city, o.region, o.sector].forEach(add);
    for (const v of inc.vendors) {
      add(v.name);
      v.aliases.forEach(add);
      add(v.role?.en);
      add(v.role?.fr);
    }
    for (const a of inc.affected) [a.name, a.city].forEach(add);
    for (const t of [inc.title, inc.summary, inc.cause]) {
      add(t?.en);
      add(t?.fr);
    }
    for (const r of inc.response) {
      add(r.text.en);
      add(r.text.fr);
    }
    for (const s of inc.sources) [s.publisher, s.title, s.subject, s.url, s.reference].forEach(add);
    for (const e of inc.established) {
      // A note in the answer's language is the bot's own wording and judged as such; the source's quoted words are data.
      add(e.quote?.text);
      add(e.name);
      for (const note of [e.note?.en, e.note?.fr]) for (const m of (note ?? '').matchAll(/["“«]\s?([^"”»]+?)\s?["”»]/g)) add(m[1]);
    }
    for (const u of inc.unstated) {
      // Quoted figures inside unstated notes are the source's words.
      for (const m of u.matchAll(/"([^"]+)"/g)) add(m[1]);
    }
    // Quoted words of the source inside the bot's own lines ("Volume indiqué : « … »").
    inc.otherDataClasses.forEach(add);
    // The record counts' "who" is data too ("customers and prospects").
    for (const c of [inc.records?.total, ...(inc.records?.breakdown ?? []), ...inc.affected.map((a) => a.records)]) {
      add(c?.who?.en);
      add(c?.who?.fr);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** The text with every data string (as is, or in French typography) blanked out. */
export function withoutData(text: string, data: readonly string[]): string {
  // A text clipped by a renderer ("Seventh-day Adventist Organization of the Nor…") is data cut short.
  let out = text.replace(/\u00a0/g, ' ').replace(/[^\n▢*_•|]{1,300}…/g, ' ▢ ');
  const variants = (s: string) => new Set([s, s.replace(/ ([:;!?»])/g, '\u202f$1').replace(/« /g, '«\u202f'), s.replace(/[\u202f\u00a0]/g, ' ')]);
  for (const s of data) for (const v of variants(s)) if (v.length >= 2 && out.includes(v)) out = out.split(v).join(' ▢ ');
  // Links and ids are not words.
  return out
    .replace(/https?:\/\/\S+/g, ' ▢ ')
    .replace(/`[^`]*`/g, ' ▢ ')
    .replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, ' ▢ ');
}

const ENGLISH_IN_FRENCH: readonly [string, RegExp][] = [
  ['English label', /\b(When|How many|Data|Vendor|Also hit|Matched on|Where|Related|Not stated|How facts were established|Next|Previous|Details|Post to channel|By year|By data type|By country|By source|Biggest|Examples|Usage|Organization|Summary)\b/],
  ['English word', /\b(happened|discovered|disclosed|about|at least|at most|including|accounts|individuals|people hit|organizations in all|curated|breach record|Breach report|screenshot|unverified|likely fabricated|spam list|not stated|licence\)|MIT licence|public domain|incidents? for|more:|End of results)\b/],
  ['English credit', /Source: /],
  ['English quotes', /[“”]/],
];

const FRENCH_IN_ENGLISH: readonly [string, RegExp][] = [
  ['French label', /\b(Quand|Combien|Données|Prestataire|Aussi touchés|Trouvé par|Où|Liés|Non précisé|Suivant|Précédent|Détails|Par année|Par pays|Exemples|Utilisation|Résumé)\b/],
  ['French word', /\b(survenu|découvert|révélé|environ|au moins|dont|personnes|comptes|clients|fiche|capture d'écran|licence MIT|domaine public|non précisé|non vérifié|de|des|du|les|et|numéro|numéros|données|date de|d’|d')\b/i],
  ['French quotes', /[«»]/],
];

const FRENCH_SLIPS: readonly [string, RegExp][] = [
  ['elision', /\bde (?:[aeiouyàâéèêëîïôûù]|h(?!a|é|o))/i],
  ['plural', /(?<![\d,])(?:[2-9]|\d{2,})(?:,\d)? (?:million|milliard)\b(?!s)/],
  ['plural', /(?<![\d,])1(?:,\d)? (?:millions|milliards)\b/],
  ['million de', /\b\d[\d\u202f ]* (?:millions?|milliards?) (?![dD]['e]|de\b|d’)\p{L}/u],
  ['preposition', new RegExp(`\\b(?:survenu|découvert|révélé) (?:\\d|(?:${MONTHS_FR})\\b)`)],
  ['preposition', new RegExp(`\\bau (?:${MONTHS_FR}|\\d{4})\\b`)],
  ['preposition', new RegExp(`\\b(?:de|à) \\d{1,2}(?:er)? (?:${MONTHS_FR})`)],
  ['typography', /[^\s\u202f][;:!?](?=\s|$)(?<!:[a-z_]+:)/],
  ['typography', / [;:!?](?=\s|$)/],
  ['typography', /«(?!\u202f)|(?<!\u202f)»/],
];

const EVERYWHERE: readonly [string, RegExp][] = [
  ['field path', /\b(?:sources|affected|records|dates|organization|vendors|response|established|unstated|dataClasses|otherDataClasses|peopleCountries|affectedCount)(?:\[\d+\]|\.[a-z]\w*)/],
  ['doubled quotes', /[“«"]\s*[“«"]|[”»"]\s*[”»"]|““|””/],
];

/** Every violation in `text`, an answer rendered in `lang` about `incidents`. */
export function wordingViolations(text: string, lang: Lang, incidents: readonly Incident[], data = dataStrings(incidents)): Violation[] {
  const out: Violation[] = [];
  const excerpt = (t: string, m: RegExpExecArray) => t.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ');
  for (const [rule, re] of EVERYWHERE) {
    // Paths: judged on everything but links; doubled quotes on everything.
    const t = rule === 'field path' ? text.replace(/https?:\/\/\S+/g, ' ') : text;
    const m = re.exec(t);
    if (m) out.push({ rule, excerpt: excerpt(t, m) });
  }
  const own = withoutData(text, data);
  for (const [rule, re] of lang === 'fr' ? [...ENGLISH_IN_FRENCH, ...FRENCH_SLIPS] : FRENCH_IN_ENGLISH) {
    const m = re.exec(own);
    if (m) out.push({ rule, excerpt: excerpt(own, m) });
  }
  return out;
}

/** Every string a Slack message, a Discord message or a text shows to a reader, joined by new lines. */
export function visibleText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      // Button values and custom ids carry state, not words; URLs are links; types are markup.
      if (key && ['value', 'custom_id', 'action_id', 'url', 'type', 'block_id', 'style', 'color'].includes(key)) return;
      out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(payload);
  return out.join('\n');
}

/** Platform markup taken back to what a reader sees: Slack entities and links, Discord escapes and links. */
export function unmarked(text: string): string {
  return text
    .replace(/<(https?:[^|>]*)\|([^>]*)>/g, '$2')
    .replace(/\[([^\]]*)\]\((https?:[^)]*)\)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\([*_~`|>[\]()\\#.:-])/g, '$1')
    .replace(/\u2060/g, '');
}
