/**
 * Country names people type, in English and French, folded, mapped to ISO 3166-1 alpha-2.
 * Only the countries a breach catalog is commonly asked about; `country:XX` takes any code.
 */
import { fold } from './text-folding.js';

const NAMES: Record<string, readonly string[]> = {
  FR: ['france', 'fr'],
  GB: ['uk', 'u k', 'gb', 'united kingdom', 'great britain', 'britain', 'england', 'royaume uni', 'angleterre', 'grande bretagne'],
  US: ['us', 'usa', 'u s', 'u s a', 'united states', 'america', 'etats unis', 'amerique'],
  BE: ['belgium', 'belgique', 'be'],
  CH: ['switzerland', 'suisse', 'ch'],
  CA: ['canada', 'ca'],
  DE: ['germany', 'allemagne', 'de'],
  ES: ['spain', 'espagne', 'es'],
  IT: ['italy', 'italie', 'it'],
  NL: ['netherlands', 'pays bas', 'holland', 'nl'],
  LU: ['luxembourg', 'lu'],
  AU: ['australia', 'australie', 'au'],
  IN: ['india', 'inde'],
  CN: ['china', 'chine', 'cn'],
  JP: ['japan', 'japon', 'jp'],
  BR: ['brazil', 'bresil', 'br'],
  RU: ['russia', 'russie', 'ru'],
  IE: ['ireland', 'irlande', 'ie'],
  MA: ['morocco', 'maroc', 'ma'],
  SN: ['senegal', 'sn'],
};

const BY_NAME = new Map<string, string>();
for (const [code, names] of Object.entries(NAMES)) for (const n of names) BY_NAME.set(n, code);

/** Adjectives that name a country on their own: "French breaches", "fuites françaises". */
export const COUNTRY_DEMONYMS: ReadonlyMap<string, string> = new Map([
  ...['french', 'francaise', 'francaises', 'francais', 'hexagone', 'hexagonales', 'hexagonaux'].map((w) => [w, 'FR'] as const),
  ...['british', 'uk', 'britanniques', 'britannique', 'english', 'anglaises', 'anglais', 'anglaise'].map((w) => [w, 'GB'] as const),
  ...['american', 'americans', 'usa', 'americaines', 'americains', 'americaine', 'americain'].map((w) => [w, 'US'] as const),
  ...['belgian', 'belges', 'belge'].map((w) => [w, 'BE'] as const),
  ...['swiss', 'suisses'].map((w) => [w, 'CH'] as const),
  ...['canadian', 'canadiennes', 'canadiens', 'canadienne', 'canadien'].map((w) => [w, 'CA'] as const),
  ...['german', 'allemandes', 'allemands', 'allemande', 'allemand'].map((w) => [w, 'DE'] as const),
  ...['spanish', 'espagnoles', 'espagnols', 'espagnole', 'espagnol'].map((w) => [w, 'ES'] as const),
  ...['italian', 'italiennes', 'italiens', 'italienne', 'italien'].map((w) => [w, 'IT'] as const),
  ...['dutch', 'neerlandaises', 'neerlandais', 'neerlandaise'].map((w) => [w, 'NL'] as const),
  ...['luxembourgish', 'luxembourgeoises', 'luxembourgeois', 'luxembourgeoise'].map((w) => [w, 'LU'] as const),
  ...['australian', 'australiennes', 'australiens', 'australienne', 'australien'].map((w) => [w, 'AU'] as const),
  ...['indian', 'indiennes', 'indiens', 'indienne', 'indien'].map((w) => [w, 'IN'] as const),
  ...['chinese', 'chinoises', 'chinois', 'chinoise'].map((w) => [w, 'CN'] as const),
  ...['japanese', 'japonaises', 'japonais', 'japonaise'].map((w) => [w, 'JP'] as const),
  ...['brazilian', 'bresiliennes', 'bresiliens', 'bresilienne', 'bresilien'].map((w) => [w, 'BR'] as const),
  ...['russian', 'russes', 'russe'].map((w) => [w, 'RU'] as const),
  ...['irish', 'irlandaises', 'irlandais', 'irlandaise'].map((w) => [w, 'IE'] as const),
  ...['moroccan', 'marocaines', 'marocains', 'marocaine', 'marocain'].map((w) => [w, 'MA'] as const),
  ...['senegalese', 'senegalaises', 'senegalais', 'senegalaise'].map((w) => [w, 'SN'] as const),
]);

/** ISO code for a folded country name or code ("france", "royaume uni", "US"), else undefined. */
export function resolveCountry(text: string): string | undefined {
  const key = fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
  if (BY_NAME.has(key)) return BY_NAME.get(key);
  return /^[a-z]{2}$/.test(key) && key.toUpperCase() in NAMES ? key.toUpperCase() : undefined;
}

const LABELS: Record<string, { en: string; fr: string }> = {
  FR: { en: 'France', fr: 'France' },
  GB: { en: 'United Kingdom', fr: 'Royaume-Uni' },
  US: { en: 'United States', fr: 'États-Unis' },
  BE: { en: 'Belgium', fr: 'Belgique' },
  CH: { en: 'Switzerland', fr: 'Suisse' },
  CA: { en: 'Canada', fr: 'Canada' },
  DE: { en: 'Germany', fr: 'Allemagne' },
  ES: { en: 'Spain', fr: 'Espagne' },
  IT: { en: 'Italy', fr: 'Italie' },
  NL: { en: 'Netherlands', fr: 'Pays-Bas' },
  LU: { en: 'Luxembourg', fr: 'Luxembourg' },
  AU: { en: 'Australia', fr: 'Australie' },
  IN: { en: 'India', fr: 'Inde' },
  CN: { en: 'China', fr: 'Chine' },
  JP: { en: 'Japan', fr: 'Japon' },
  BR: { en: 'Brazil', fr: 'Brésil' },
  RU: { en: 'Russia', fr: 'Russie' },
  IE: { en: 'Ireland', fr: 'Irlande' },
  MA: { en: 'Morocco', fr: 'Maroc' },
  SN: { en: 'Senegal', fr: 'Sénégal' },
};

/** A country's name for answers; the code itself when unknown. */
export function countryLabel(code: string, lang: 'en' | 'fr'): string {
  return LABELS[code]?.[lang] ?? code;
}

/** Searchable names of a country, for the text index ("FR" → "France", "fr"...). */
export function countrySearchText(code: string): string {
  const l = LABELS[code];
  return l ? `${l.en} ${l.fr}` : code;
}
