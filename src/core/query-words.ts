/**
 * The words a question is made of besides names, in English and French, folded (lower case, no
 * accents): what each kind of filter reader recognizes, and the question words that are never
 * searched. Plain tables, so a reviewer can read what the bot understands.
 */
/** How results are ordered: best match first, newest first, or biggest first. */
export type SortOrder = 'relevance' | 'date' | 'size';

export const SORT_WORDS: ReadonlyMap<string, SortOrder> = new Map([
  ...['latest', 'recent', 'newest', 'new', 'last', 'dernieres', 'derniers', 'derniere', 'dernier', 'recentes', 'recents', 'recente', 'recent', 'nouvelles', 'nouveaux'].map((w) => [w, 'date'] as const),
  ...['biggest', 'largest', 'top', 'worst', 'huge', 'grosses', 'gros', 'grosse', 'grandes', 'importantes', 'massives', 'pires', 'plus grandes'].map((w) => [w, 'size'] as const),
]);

/** What kind of incident a word asks for: a cyberattack, or a data breach. */
export const KIND_WORDS: ReadonlyMap<string, 'attack' | 'breach'> = new Map([
  ...['attack', 'attacks', 'attacked', 'cyberattack', 'cyberattacks', 'ransomware', 'attaque', 'attaques', 'attaquee', 'attaquees', 'attaque', 'cyberattaque', 'cyberattaques', 'rancongiciel', 'rancongiciels', 'outage', 'panne'].map((w) => [w, 'attack'] as const),
  ...['breach', 'breaches', 'breached', 'databreach', 'databreaches', 'leak', 'leaks', 'leaked', 'dataleak', 'dataleaks', 'fuite', 'fuites', 'vol', 'vols', 'exfiltration', 'violation', 'violations', 'compromission', 'compromissions'].map((w) => [w, 'breach'] as const),
]);

/**
 * Words of a question that ask about incidents without naming anything: never required words.
 * ("combien de personnes touchées chez orange" searches Orange, not "personnes".)
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  // English
  'who', 'whom', 'when', 'what', 'which', 'where', 'why', 'how', 'many', 'much', 'did', 'does', 'do', 'was', 'were', 'got', 'get', 'gets', 'has', 'have', 'had',
  'happened', 'happen', 'people', 'persons', 'person', 'customers', 'customer', 'clients', 'client', 'users', 'user', 'victims', 'victim', 'patients', 'members',
  'employees', 'accounts', 'records', 'individuals', 'affected', 'impacted', 'hit', 'touched', 'concerned', 'hacked', 'hack', 'hacks', 'hackers', 'hacker', 'pwned',
  'leaked', 'breached', 'compromised', 'exposed', 'stolen', 'stole', 'incident', 'incidents', 'data', 'info', 'information', 'informations', 'any', 'ever', 'know',
  'known', 'there', 'been', 'by', 'via', 'give', 'tell', 'show', 'list', 'find', 'search', 'me', 'our', 'my', 'please', 'were', 'involving', 'about',
  'everything', 'anything', 'news', 'story', 'details', 'figures', 'number', 'numbers', 'count', 'total', 'big', 'large', 'size', 'involved', 'happening',
  // French
  'combien', 'quand', 'qui', 'quoi', 'ou', 'comment', 'pourquoi', 'quel', 'quelle', 'quels', 'quelles', 'lequel', 'laquelle', 'est', 'ce', 'qu', 'chez', 'y', 'a', 't', 'eu',
  'il', 'ils', 'elle', 'elles', 'on', 'personnes', 'personne', 'gens', 'clients', 'clientes', 'cliente', 'utilisateurs', 'utilisatrices', 'usagers', 'abonnes',
  'abonnees', 'adherents', 'assures', 'salaries', 'agents', 'patients', 'victimes', 'victime', 'membres', 'comptes', 'individus', 'citoyens', 'habitants',
  'touche', 'touchee', 'touches', 'touchees', 'concerne', 'concernee', 'concernes', 'concernees', 'affecte', 'affectee', 'affectes', 'affectees', 'impacte',
  'impactee', 'impactes', 'impactees', 'pirate', 'piratee', 'pirates', 'piratees', 'pirater', 'piratage', 'piratages', 'hacke', 'hackee', 'hackes', 'hackees',
  'vole', 'volee', 'voles', 'volees', 'expose', 'exposee', 'exposes', 'exposees', 'divulgue', 'divulguee', 'divulgues', 'divulguees', 'compromis', 'compromise',
  'compromises', 'fuite', 'fuites', 'fuitee', 'fuitees', 'fuiter', 'donnees', 'donnee', 'infos', 'information', 'informations', 'incident', 'incidents',
  'montre', 'montrer', 'moi', 'liste', 'lister', 'cherche', 'chercher', 'trouve', 'trouver', 'donne', 'connais', 'connu', 'connus', 'sait', 'savoir', 'eu', 'ete',
  'subi', 'subie', 'subies', 'victime', 'nombre', 'chiffres', 'details', 'tout', 'tous', 'toutes', 'toute', 'stp', 'svp', 'merci', 'leurs', 'leur', 'ses', 'son', 'sa',
  'nos', 'notre', 'mes', 'mon', 'ma', 'via', 'par', 'derniere', 'enregistrements', 'lignes', 'dossiers',
]);

/** Words after a count that say it counts people or records: "800 000 clients", "1,6 million de personnes". */
export const COUNT_NOUNS: ReadonlySet<string> = new Set([
  'people', 'persons', 'customers', 'clients', 'users', 'victims', 'patients', 'members', 'accounts', 'records', 'individuals', 'employees', 'rows', 'entries', 'emails',
  'personnes', 'clientes', 'utilisateurs', 'usagers', 'abonnes', 'adherents', 'assures', 'victimes', 'membres', 'comptes', 'dossiers', 'enregistrements', 'lignes',
  'salaries', 'agents', 'citoyens', 'habitants', 'individus', 'patientes',
]);

export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['k', 1e3], ['thousand', 1e3], ['mille', 1e3], ['m', 1e6], ['million', 1e6], ['millions', 1e6], ['mio', 1e6], ['mn', 1e6],
  ['b', 1e9], ['billion', 1e9], ['billions', 1e9], ['milliard', 1e9], ['milliards', 1e9], ['md', 1e9],
]);

export const SIZE_CUES: readonly (readonly string[])[] = [
  ['more', 'than'], ['at', 'least'], ['greater', 'than'], ['plus', 'de'], ['au', 'moins'], ['superieur', 'a'], ['over'], ['above'], ['min'], ['minimum'], ['beyond'], ['audela', 'de'], ['depassant'],
];
export const SINCE_CUES: ReadonlySet<string> = new Set(['since', 'depuis', 'after', 'apres', 'from', 'des']);
export const BEFORE_CUES: ReadonlySet<string> = new Set(['before', 'avant', 'until', 'jusqu']);
export const BETWEEN_CUES: ReadonlySet<string> = new Set(['between', 'entre', 'from', 'de', 'du', 'd']);
export const RANGE_JOINS: ReadonlySet<string> = new Set(['and', 'et', 'to', 'a', 'au', 'through', 'until', 'till', 'jusqu']);
export const COUNTRY_CUES: ReadonlySet<string> = new Set(['in', 'en', 'au', 'aux', 'from', 'country', 'pays', 'of', 'de', 'du', 'des']);
/** Words that put a vendor after them ("via inbenta", "through a supplier", "prestataire sirius"). */
export const VENDOR_CUES: ReadonlySet<string> = new Set(['via', 'through', 'thru', 'vendor', 'vendors', 'supplier', 'suppliers', 'provider', 'subcontractor', 'subcontractors', 'contractor', 'third', 'prestataire', 'prestataires', 'fournisseur', 'fournisseurs', 'soustraitant', 'soustraitants', 'sous', 'intermediaire', 'partenaire', 'partenaires']);
/** Vendor cues that are a noun for a vendor ("a chatbot vendor"): they can end a phrase. */
export const VENDOR_NOUNS: ReadonlySet<string> = new Set(['vendor', 'vendors', 'supplier', 'suppliers', 'provider', 'subcontractor', 'subcontractors', 'contractor', 'prestataire', 'prestataires', 'fournisseur', 'fournisseurs', 'soustraitant', 'soustraitants', 'partenaire', 'partenaires', 'intermediaire']);
/** Little words between a vendor cue and the vendor ("via a supplier", "par l'intermédiaire d'un prestataire"). */
export const VENDOR_FILLERS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'their', 'its', 'his', 'her', 'un', 'une', 'le', 'la', 'l', 'leur', 'son', 'sa', 'd', 'de', 'du', 'des', 'party', 'traitant', 'tiers', 'external', 'externe', 'outside']);

/** Months: full names stand alone; short or ambiguous ones ("may", "mars", "jan") count only next to a year. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'janvier'],
  ['february', 'fevrier'],
  ['march', 'mars'],
  ['april', 'avril'],
  ['may', 'mai'],
  ['june', 'juin'],
  ['july', 'juillet'],
  ['august', 'aout'],
  ['september', 'septembre'],
  ['october', 'octobre'],
  ['november', 'novembre'],
  ['december', 'decembre'],
];
const MONTH_ABBREVIATIONS: readonly (readonly string[])[] = [
  ['jan', 'janv'], ['feb', 'fev', 'fevr'], ['mar'], ['apr', 'avr'], [], ['jun'], ['jul', 'juil'], ['aug'], ['sep', 'sept'], ['oct'], ['nov'], ['dec'],
];
const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set(['may', 'mars', 'march', 'mai']);

export interface MonthWord {
  /** 1–12. */
  readonly month: number;
  /** Only a month when a year is next to it. */
  readonly needsYear: boolean;
}

export const MONTH_WORDS: ReadonlyMap<string, MonthWord> = new Map([
  ...MONTH_NAMES.flatMap((names, m) => names.map((w) => [w, { month: m + 1, needsYear: AMBIGUOUS_MONTHS.has(w) }] as const)),
  ...MONTH_ABBREVIATIONS.flatMap((names, m) => names.map((w) => [w, { month: m + 1, needsYear: true }] as const)),
]);

/** Words only French questions use (accents count too), for answering in the asker's language. */

/**
 * Ways of asking for a data class that only questions use (the shared vocabulary's synonyms also
 * map the feeds' own words at import, so these stay here and change no imported record).
 */
export const QUERY_CLASS_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ...['password hashes', 'hashed passwords', 'mots de passe chiffres', 'mots de passe haches'].map((p) => [p, 'Passwords'] as const),
  ...['numero de secu', 'numero de securite sociale', 'securite sociale', 'numero insee'].map((p) => [p, 'Social security numbers'] as const),
  ...['bank data', 'banking data', 'financial data', 'financial information', 'donnee bancaire', 'donnees de paiement', 'donnees financieres', 'informations financieres'].map((p) => [p, 'Payment info'] as const),
]);
