/**
 * A seeded generator of realistic incident records, and the writer that lays them out the way
 * `data/` is laid out, so the benchmark measures the real start-up path (`loadCatalog` + zod +
 * `new BreachCore`). The same seed and size always give the same records.
 *
 * Shape, modelled on the bundled feeds: French and English organizations (companies, public
 * bodies, hospitals, associations) with accents, aliases and domains; a shared pool of vendors
 * with a few very common ones; affected organizations behind vendor incidents; some
 * organizations breached more than once; data classes from the canonical vocabulary, common ones
 * more often; one- to three-paragraph summaries; about 2 % curated (bilingual, one file each),
 * the rest imported snapshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_CLASSES } from '../src/core/data-classes.js';
import type { IncidentInput } from '../src/core/incident-schema.js';
import { tokenize } from '../src/core/text-folding.js';
import { Random } from './random.js';
import * as W from './corpus-words.js';

export interface CorpusOptions {
  readonly size: number;
  readonly seed: number;
  /** Share of curated records (default 0.02). */
  readonly curatedShare?: number;
}

interface Org {
  name: string;
  aliases: string[];
  domains: string[];
  country: string;
  city?: string;
  sector: string;
  french: boolean;
}

interface Vendor {
  name: string;
  aliases: string[];
  role: { en: string; fr: string };
}

const EN_COUNTRIES = ['US', 'US', 'US', 'GB', 'GB', 'CA', 'AU', 'IE', 'IN'];
const FR_COUNTRIES = ['FR', 'FR', 'FR', 'FR', 'BE', 'CH', 'LU', 'CA', 'MA'];
const OTHER_COUNTRIES = ['DE', 'ES', 'IT', 'NL', 'BR', 'JP'];

export function slug(text: string): string {
  return tokenize(text).join('-').slice(0, 60).replace(/-+$/, '') || 'x';
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? k);
}

function acronym(name: string): string | undefined {
  const words = name.split(/[\s'-]+/).filter((w) => w.length > 0 && /^\p{Lu}/u.test(w));
  if (words.length < 2) return undefined;
  return words.map((w) => w[0]!).join('').toUpperCase();
}

function listText(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function countText(count: number, lang: 'en' | 'fr'): string {
  if (count >= 1e6) {
    const m = (count / 1e6).toFixed(count >= 1e7 ? 0 : 1);
    return lang === 'en' ? `${m} million` : `${m.replace('.', ',')} millions de`;
  }
  return lang === 'en' ? count.toLocaleString('en-US') : count.toLocaleString('fr-FR').replace(/\s/g, ' ');
}

class CorpusGenerator {
  private readonly rng: Random;
  private readonly usedNames = new Set<string>();
  private readonly usedIds = new Set<string>();
  private readonly orgs: Org[] = [];
  private readonly citiesFr: string[] = [];
  private readonly citiesEn: string[] = [];
  private readonly vendors: Vendor[] = [];

  constructor(private readonly options: CorpusOptions) {
    this.rng = new Random(options.seed);
    const cities = Math.max(40, Math.round(options.size / 12));
    for (let i = 0; i < cities; i++) {
      this.citiesFr.push(fill(this.rng.pick(W.FR_CITY_PATTERNS), { w: W.inventWord(this.rng, true), river: this.rng.pick(W.RIVERS) }));
      this.citiesEn.push(fill(this.rng.pick(W.EN_CITY_PATTERNS), { w: W.inventWord(this.rng) }));
    }
    const vendors = Math.max(20, Math.round(options.size / 40));
    for (let i = 0; i < vendors; i++) this.vendors.push(this.vendor());
  }

  private uniqueName(make: () => string): string {
    for (let tries = 0; ; tries++) {
      const name = make();
      const key = tokenize(name).join(' ');
      if (!this.usedNames.has(key) || tries > 8) {
        this.usedNames.add(key);
        return name;
      }
    }
  }

  private vendor(): Vendor {
    const rng = this.rng;
    const brand = W.inventWord(rng);
    const name = this.uniqueName(() => (rng.chance(0.35) ? `${W.inventWord(rng)}${rng.pick(['soft', 'tech', 'data', 'net'])}` : `${brand} ${rng.pick(W.VENDOR_SUFFIXES)}`));
    const aliases = name.includes(' ') && rng.chance(0.5) ? [name.split(' ')[0]!] : [];
    return { name, aliases, role: rng.pick(W.VENDOR_ROLES) };
  }

  private city(french: boolean): string {
    // Zipf: a few big cities appear in many names, most in one or two.
    const pool = french ? this.citiesFr : this.citiesEn;
    return pool[this.rng.zipf(pool.length, 1.05)]!;
  }

  private org(): Org {
    const rng = this.rng;
    const roll = rng.next();
    let french = roll < 0.5;
    let country = french ? rng.pick(FR_COUNTRIES) : rng.pick(EN_COUNTRIES);
    if (roll > 0.95) {
      french = false;
      country = rng.pick(OTHER_COUNTRIES);
    }
    const city = this.city(french);
    let sector = rng.pick(W.SECTORS);
    const values = () => ({
      city,
      saint: rng.pick(W.SAINTS),
      person: rng.pick(W.PERSONS),
      sport: rng.pick(W.SPORTS),
      sportEn: rng.pick(W.SPORTS_EN),
      brand: W.inventWord(rng, french),
    });
    const kind = rng.next();
    let name: string;
    const aliases: string[] = [];
    if (kind < 0.6) {
      name = this.uniqueName(() => {
        const brand = W.inventWord(rng, french);
        if (rng.chance(0.3)) return brand;
        if (french && rng.chance(0.3)) return `Groupe ${brand}`;
        return `${brand} ${rng.pick(french ? W.FR_COMPANY_SUFFIXES : W.EN_COMPANY_SUFFIXES)}`;
      });
      const first = name.replace(/^Groupe /, '').split(' ')[0]!;
      if (first !== name && rng.chance(0.4)) aliases.push(first);
    } else if (kind < 0.9) {
      name = this.uniqueName(() => fill(rng.pick(french ? W.FR_PUBLIC_TEMPLATES : W.EN_PUBLIC_TEMPLATES), values()));
      sector = rng.pick(['local government', 'healthcare', 'education', 'public administration']);
    } else {
      name = this.uniqueName(() => fill(rng.pick(W.ASSOCIATION_TEMPLATES), values()));
      sector = 'sports';
    }
    const short = acronym(name);
    if (short && short.length >= 3 && rng.chance(0.5)) aliases.push(short);
    if (rng.chance(0.08)) aliases.push(`${W.inventWord(rng, french)} ${rng.pick(['SA', 'Inc', 'Ltd', 'SAS'])}`);
    const domainBase = slug(aliases[0] ?? name).replace(/-/g, '').slice(0, 24);
    const tld = country === 'FR' ? 'fr' : country === 'GB' ? 'co.uk' : country === 'DE' ? 'de' : 'com';
    const org: Org = { name, aliases, domains: rng.chance(0.7) ? [`${domainBase}.${tld}`] : [], country, sector, french };
    if (rng.chance(0.7)) org.city = city;
    return org;
  }

  private dataClasses(): string[] {
    const out = new Set<string>();
    const k = this.rng.int(1, 6);
    while (out.size < k) out.add(DATA_CLASSES[this.rng.zipf(DATA_CLASSES.length, 1.2)]!.name);
    return [...out];
  }

  incident(k: number): IncidentInput {
    const rng = this.rng;
    const repeat = this.orgs.length > 10 && rng.chance(0.05);
    const org = repeat ? this.orgs[rng.int(0, this.orgs.length - 1)]! : this.org();
    if (!repeat) this.orgs.push(org);
    const curated = rng.chance(this.options.curatedShare ?? 0.02);
    // Curated records carry both languages; imported French ones often only their own words, translated or not.
    const bilingual = curated || (org.french && rng.chance(0.35));
    const attack = rng.chance(0.08);

    const year = rng.int(2008, 2026);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const precision = rng.next();
    const start = precision < 0.4 ? iso(year, month, day) : precision < 0.85 ? iso(year, month, day).slice(0, 7) : String(year);
    const disclosedAt = new Date(Date.UTC(year + (precision >= 0.85 ? 1 : 0), month - 1, day + rng.int(20, 300)));
    const disclosed = disclosedAt.toISOString().slice(0, 10);

    const withVendor = rng.chance(0.2);
    const vendors = withVendor ? [this.vendors[rng.zipf(this.vendors.length, 1.1)]!] : [];
    const affected: IncidentInput['affected'] = [];
    if (withVendor && rng.chance(0.4)) {
      for (let a = rng.int(1, 4); a > 0; a--) {
        const other = this.orgs.length > 20 && rng.chance(0.3) ? this.orgs[rng.int(0, this.orgs.length - 1)]! : this.org();
        if (other.name !== org.name && !affected.some((x) => x.name === other.name)) {
          affected.push({ name: other.name, aliases: other.aliases.slice(0, 1), country: other.country, ...(other.city ? { city: other.city } : {}) });
        }
      }
    }
    const who = rng.pick(W.WHO);
    const count = rng.chance(0.8) ? Math.round(Math.pow(10, 2.5 + rng.next() * 5.5)) : undefined;
    const classes = attack ? [] : this.dataClasses();
    const how = rng.pick(W.ATTACKS);
    const vendor = vendors[0];
    const authority = rng.pick(W.AUTHORITIES);
    const remediation = rng.pick(W.REMEDIATION);
    const actor = rng.chance(0.3) ? `${W.inventWord(rng)}${rng.pick(W.ACTOR_SUFFIXES)}` : undefined;
    const place = org.city ?? org.country;
    const classLabels = (lang: 'en' | 'fr') => classes.map((c) => DATA_CLASSES.find((d) => d.name === c)![lang]);
    const paragraphs = rng.int(1, 3);

    const en: string[] = [];
    en.push(
      `In ${W.MONTHS_EN[month - 1]} ${year}, ${org.name}, ${/^[aeiou]/.test(org.sector) ? 'an' : 'a'} ${org.sector} organization in ${place}, suffered a ${how.en}` +
        (vendor ? ` at its ${vendor.role.en} ${vendor.name}.` : '.') +
        (count ? ` The data of ${countText(count, 'en')} ${who.en} was affected.` : ' The number of people affected was not disclosed.') +
        (classes.length ? ` The exposed data included ${listText(classLabels('en'), 'and')}.` : ' No data theft was reported.'),
    );
    if (paragraphs >= 2) {
      en.push(`${org.name} notified ${authority.en} and said it had ${remediation.en}.` + (actor ? ` The ${actor} group claimed the attack and offered the files on ${rng.pick(W.FORUMS)}.` : '') + ` ${rng.pick(W.FILLER_EN)}`);
    }
    if (paragraphs >= 3 || affected.length > 0) {
      en.push((affected.length ? `The same incident also hit ${listText(affected.map((a) => a.name), 'and')}. ` : '') + rng.pick(W.FILLER_EN));
    }
    const fr: string[] = [];
    if (bilingual) {
      fr.push(
        `En ${W.MONTHS_FR[month - 1]} ${year}, ${org.name} (${place}) a subi une ${how.fr}` +
          (vendor ? ` chez son ${vendor.role.fr} ${vendor.name}.` : '.') +
          (count ? ` Les données de ${countText(count, 'fr')} ${who.fr} sont concernées.` : " Le nombre de personnes touchées n'a pas été communiqué.") +
          (classes.length ? ` Les données exposées comprennent : ${listText(classLabels('fr'), 'et')}.` : " Aucun vol de données n'a été signalé."),
      );
      if (paragraphs >= 2) fr.push(`${org.name} a prévenu ${authority.fr} et indique avoir ${remediation.fr}. ${rng.pick(W.FILLER_FR)}`);
      if (affected.length) fr.push(`Le même incident a aussi touché ${listText(affected.map((a) => a.name), 'et')}.`);
    }

    let id = `${slug(org.name)}-${year}`;
    for (let n = 2; this.usedIds.has(id); n++) id = `${slug(org.name)}-${year}-${n}`;
    this.usedIds.add(id);
    const countWords = count ? `${countText(count, 'en')} ${who.en}` : who.en;
    const record: IncidentInput = {
      id,
      kind: attack ? 'attack' : 'breach',
      title: {
        en: `${org.name}: ${how.short.en} ${attack ? 'disrupts services' : `exposes data of ${countWords}`}`,
        ...(bilingual ? { fr: `${org.name} : ${how.short.fr}, ${attack ? 'services perturbés' : `les données de ${count ? countText(count, 'fr') : ''} ${who.fr} exposées`.replace(/\s+/g, ' ')}` } : {}),
      },
      organization: {
        name: org.name,
        aliases: org.aliases,
        domains: org.domains,
        country: org.country,
        ...(org.city ? { city: org.city } : {}),
        sector: org.sector,
      },
      vendors: vendors.map((v) => ({ name: v.name, aliases: v.aliases, role: v.role })),
      affected,
      dates: { occurred: { start }, disclosed },
      addedAt: `${Math.min(2026, Math.max(year, Number(disclosed.slice(0, 4))))}-11-01T09:00:00Z`,
      ...(count ? { records: { total: { count, qualifier: rng.pick(['exact', 'approximate', 'at-least'] as const), who } } } : {}),
      dataClasses: classes,
      otherDataClasses: rng.chance(0.05) ? ['Loyalty card numbers'] : [],
      ...(rng.chance(0.5) ? { cause: { en: `A ${how.en}.`, ...(bilingual ? { fr: `Une ${how.fr}.` } : {}) } } : {}),
      response: rng.chance(0.4) ? [{ type: 'notification', date: disclosed, text: { en: `Notified ${who.en}.`, ...(bilingual ? { fr: `Information des ${who.fr}.` } : {}) } }] : [],
      summary: { en: en.join('\n\n'), ...(bilingual ? { fr: fr.join('\n\n') } : {}) },
      sources: [{ publisher: rng.pick(W.PUBLISHERS), title: `${org.name} data breach`, date: disclosed, language: org.french ? 'fr' : 'en', url: `https://news.example.com/${id}` }],
      verified: rng.chance(0.85),
      ...(curated ? {} : { provenance: { source: 'synthetic', sourceId: `SYN${k}` } }),
    };
    return record;
  }
}

/** `size` incidents for `seed`, always the same ones. */
export function generateCorpus(options: CorpusOptions): IncidentInput[] {
  const gen = new CorpusGenerator(options);
  const out: IncidentInput[] = [];
  for (let k = 0; k < options.size; k++) out.push(gen.incident(k));
  return out;
}

/**
 * Writes records the way `data/` holds them: curated records one file each under `incidents/`,
 * imported ones as snapshot arrays under `imported/` (chunks of 20,000, as feeds are split).
 */
export function writeCatalog(records: readonly IncidentInput[], dataDir: string): { files: number; bytes: number } {
  mkdirSync(join(dataDir, 'incidents'), { recursive: true });
  mkdirSync(join(dataDir, 'imported'), { recursive: true });
  let files = 0;
  let bytes = 0;
  const imported: IncidentInput[] = [];
  for (const r of records) {
    if (r.provenance === undefined || r.provenance.source === 'curated') {
      const text = JSON.stringify(r, null, 2);
      writeFileSync(join(dataDir, 'incidents', `${r.id}.json`), text);
      files++;
      bytes += Buffer.byteLength(text);
    } else imported.push(r);
  }
  for (let start = 0; start < imported.length; start += 20_000) {
    const text = JSON.stringify(imported.slice(start, start + 20_000));
    writeFileSync(join(dataDir, 'imported', `feed-${String(start / 20_000).padStart(2, '0')}.json`), text);
    files++;
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes };
}
