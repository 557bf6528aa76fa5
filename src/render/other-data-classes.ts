/**
 * The data a source lists that the shared vocabulary (src/core/data-classes.ts) has no class
 * for, in the reader's language. Feeds name these in their own language (bonjourlafuite in
 * French, Have I Been Pwned in English): an item is shown as written to readers of its
 * language, translated for the others when this table knows it, and otherwise counted, never
 * shown raw in the other language.
 */
import type { Incident } from '../core/incident-schema.js';
import { wordsLanguage, type Lang } from '../core/language.js';
import { fold } from '../core/text-folding.js';

/** French item → English (folded French key). */
const FR_TO_EN: Record<string, string> = {
  'rang de naissance': 'birth order',
  'experience professionnelle': 'work experience',
  'experiences professionnelles': 'work experience',
  experience: 'experience',
  factures: 'invoices',
  'numero de licence': 'licence numbers',
  'n de licence': 'licence numbers',
  'numero de license': 'licence numbers',
  'type de licence': 'licence types',
  'raison sociale': 'company names',
  siret: 'SIRET company numbers',
  siren: 'SIREN company numbers',
  'souhait professionnel': 'career wishes',
  'parcours au sein du reseau': 'career within the network',
  competence: 'skills',
  competences: 'skills',
  'numero de reservation': 'booking numbers',
  ransomware: 'ransomware',
  'notes commerciales': 'sales notes',
  'dossier de remboursement': 'reimbursement files',
  signature: 'signatures',
  signatures: 'signatures',
  'numero de tva': 'VAT numbers',
  club: 'club',
  organisation: 'organization',
  'donnees de contact': 'contact details',
  coordonnees: 'contact details',
  'coordonnees de contact': 'contact details',
  'information de contact': 'contact details',
  pays: 'country',
  'pays de residence': 'country of residence',
  "numero d'adherent": 'membership numbers',
  'numero d adherent': 'membership numbers',
  'date de sejour': 'dates of stay',
  'dates de sejour': 'dates of stay',
  'date du sejour': 'dates of stay',
  'date de creation': 'creation dates',
  status: 'status',
  secteur: 'sector',
  manager: 'manager',
  "date d'intervention": 'intervention dates',
  'date d intervention': 'intervention dates',
  budgets: 'budgets',
  effectifs: 'headcounts',
  'site internet': 'websites',
  'numero de carte de fidelite': 'loyalty card numbers',
  'situation professionnelle': 'employment status',
  destination: 'destinations',
  magasin: 'stores',
  'nombre de rendez vous': 'number of appointments',
  "date d'expiration": 'expiry dates',
  'date d expiration': 'expiry dates',
  entreprise: 'company',
  societe: 'company',
  'etablissement classe': 'school and class',
  'etablissement et classe': 'school and class',
  "categorie d'age": 'age groups',
  'categorie d age': 'age groups',
  assurance: 'insurance',
  'structure de rattachement': 'parent organization',
  categorie: 'category',
  'ecole de rattachement': 'school',
  'heure date et lieu de rendez vous': 'appointment times and places',
  commentaires: 'comments',
  notes: 'notes',
  'documents administratifs': 'administrative documents',
  'numero de securite social': 'social security numbers',
  'numero client': 'customer numbers',
  'reference client': 'customer references',
  'origine ethnique': 'ethnic origin',
  'donnees de paiement': 'payment data',
  'orientation sexuelle': 'sexual orientation',
  'convictions religieuses': 'religious beliefs',
  'casier judiciaire': 'criminal records',
  'certificats medicaux': 'medical certificates',
  'informations medicales': 'medical information',
  devis: 'quotes',
  'suivi des courriers': 'mail tracking',
  "capture d'ecran": 'screenshot',
  'numero de colis': 'parcel numbers',
  'pieces jointes': 'attachments',
  'cryptogramme visuel': 'card security codes (CVV)',
  'programme de fidelite': 'loyalty programme',
  'contenu des sms': 'text message contents',
  tickets: 'support tickets',
  'tickets support': 'support tickets',
  statistiques: 'statistics',
  montant: 'amounts',
  inconnu: 'unknown',
  profil: 'profile',
  specialite: 'specialty',
  discipline: 'discipline',
  qualification: 'qualifications',
  activite: 'activity',
};

/** English item → French (folded English key). */
const EN_TO_FR: Record<string, string> = {
  salutations: 'formules de politesse',
  bios: 'biographies',
  'physical attributes': 'caractéristiques physiques',
  'instant messenger identities': 'identifiants de messagerie instantanée',
  'smoking habits': 'tabagisme',
  'drinking habits': "consommation d'alcool",
  'time zones': 'fuseaux horaires',
  'partial dates of birth': 'dates de naissance partielles',
  'credit status information': 'informations de solvabilité',
  'home ownership statuses': 'statut de propriétaire',
  'user website urls': 'sites web des utilisateurs',
  'social connections': 'relations sur les réseaux sociaux',
  'age groups': "tranches d'âge",
  ages: 'âges',
  'personal descriptions': 'descriptions personnelles',
  'sexual fetishes': 'préférences sexuelles',
  nicknames: 'surnoms',
  'password hints': 'indices de mot de passe',
  'cryptocurrency wallet addresses': 'adresses de portefeuilles de cryptomonnaie',
  'homepage urls': 'pages personnelles',
  'personal interests': "centres d'intérêt",
  'survey results': "résultats d'enquêtes",
  'partial phone numbers': 'numéros de téléphone partiels',
  'financial investments': 'placements financiers',
  'net worths': 'patrimoine',
  'political donations': 'dons politiques',
  'professional skills': 'compétences professionnelles',
  'support tickets': 'tickets de support',
  'loan information': 'informations de prêt',
  'drug habits': 'consommation de drogues',
  'political views': 'opinions politiques',
  pins: 'codes PIN',
  'address book contacts': 'contacts du carnet d’adresses',
  'employment statuses': "situation d'emploi",
  comments: 'commentaires',
  'taxation records': 'données fiscales',
  'deceased date': 'date de décès',
  'utility bills': 'factures de services publics',
  'mothers maiden names': 'noms de jeune fille des mères',
  'loyalty program details': 'programme de fidélité',
  appointments: 'rendez-vous',
  'login histories': 'historiques de connexion',
  'audio recordings': 'enregistrements audio',
  'customer feedback': 'avis des clients',
  'travel plans': 'projets de voyage',
  'travel habits': 'habitudes de voyage',
  'delivery instructions': 'instructions de livraison',
  ransomware: 'rançongiciel',
  'encrypted keys': 'clés chiffrées',
  'mnemonic phrases': 'phrases mnémoniques',
  'years of professional experience': "années d'expérience professionnelle",
  'clothing sizes': 'tailles de vêtements',
  'password strengths': 'robustesse des mots de passe',
  'customer interactions': 'échanges avec les clients',
  'reward program balances': 'soldes de programmes de fidélité',
};

const key = (item: string) => fold(item).replace(/[’']/g, "'").replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The language an item is written in: its words, else the feed's, else the incident's source language. */
function itemLanguage(item: string, incident: Incident): Lang {
  const words = wordsLanguage(item);
  if (words) return words;
  if (FR_TO_EN[key(item)] !== undefined) return 'fr';
  if (EN_TO_FR[key(item)] !== undefined) return 'en';
  if (/[àâçéèêëîïôûùüÿœ]/i.test(item)) return 'fr';
  if (incident.provenance.source === 'bonjourlafuite') return 'fr';
  return 'en';
}

/** An item in `lang`, or undefined when it is in the other language and not translated here. */
export function otherDataClassLabel(item: string, incident: Incident, lang: Lang): string | undefined {
  const written = itemLanguage(item, incident);
  if (written === lang) return item;
  return (written === 'fr' ? FR_TO_EN : EN_TO_FR)[key(item)];
}

/** The items readers of `lang` can read (translated where needed, once each) and how many are left out. */
export function otherDataClassesIn(incident: Incident, lang: Lang): { shown: string[]; untranslated: number } {
  const shown = new Set<string>();
  let untranslated = 0;
  for (const item of incident.otherDataClasses) {
    const label = otherDataClassLabel(item, incident, lang);
    if (label === undefined) untranslated++;
    else shown.add(label);
  }
  return { shown: [...shown], untranslated };
}
