/**
 * Maps what feeds call their data onto the canonical vocabulary (src/core/data-classes.ts):
 *
 * - `canonicalDataClass(name)`: a feed's class name (HIBP's "Email addresses", "Income levels",
 *   "Historical passwords"...) → the canonical name, or undefined (the importer then keeps the
 *   name verbatim in `otherDataClasses` and reports it);
 * - `classesInFrenchItem(item)`: one of bonjourlafuite's free-text French items ("nom, prénom",
 *   "date et lieu de naissance", "IBAN") → the classes it names;
 * - `classesInEnglishProse(text)`: the classes an English description states (HHS OCR
 *   narratives, HIBP descriptions of breaches whose feed entry lists no classes), skipping
 *   negated mentions ("did not include Social Security numbers").
 *
 * Matching is on folded words, longest phrase first, a trailing "s" ignored, so "adresses
 * e-mail", "Adresse email" and "adresse mail" all land on "Email addresses".
 */
import { DATA_CLASSES, isDataClassName } from '../core/data-classes.js';
import { tokenize } from '../core/text-folding.js';

/** HIBP class names that mean a canonical class under another name (beside the vocabulary's own synonyms). */
const FEED_ALIASES: Readonly<Record<string, string>> = {
  'Historical passwords': 'Passwords',
  'Recovery email addresses': 'Email addresses',
  'Personal health data': 'Health records',
  'HIV statuses': 'Health records',
  "Family members' names": 'Family members',
  'Family structure': 'Family members',
  'Spouses names': 'Family members',
  'Relationship statuses': 'Marital statuses',
  'SMS messages': 'Private messages',
  'Email messages': 'Private messages',
  'Telecommunications carrier': 'Telecommunication provider',
  'Cellular network names': 'Telecommunication provider',
  'Vehicle identification numbers (VINs)': 'Vehicle details',
  'Credit card CVV': 'Credit cards',
  Avatars: 'Photos',
  'Payment methods': 'Payment info',
  'Financial transactions': 'Payment histories',
  'Purchasing habits': 'Purchases',
  Races: 'Ethnicities',
  'Device serial numbers': 'Device information',
  'IMEI numbers': 'Device information',
  'IMSI numbers': 'Device information',
  'MAC addresses': 'Device information',
  'Apps installed on devices': 'Device information',
  'Device usage tracking data': 'Device information',
  'Browsing histories': 'Website activity',
};

const phraseKey = (text: string) => tokenize(text).join(' ');

let nameIndex: Map<string, string> | undefined;

function canonicalNames(): Map<string, string> {
  if (nameIndex) return nameIndex;
  const index = new Map<string, string>();
  for (const c of DATA_CLASSES) {
    for (const phrase of [c.name, c.en, c.fr, ...c.synonyms]) {
      const key = phraseKey(phrase);
      if (key && !index.has(key)) index.set(key, c.name);
    }
  }
  for (const [alias, name] of Object.entries(FEED_ALIASES)) if (isDataClassName(name)) index.set(phraseKey(alias), name);
  // The class's own name always wins over another class's synonym.
  for (const c of DATA_CLASSES) index.set(phraseKey(c.name), c.name);
  nameIndex = index;
  return index;
}

/** The canonical class a feed's class name stands for, or undefined when the vocabulary has none. */
export function canonicalDataClass(name: string): string | undefined {
  if (isDataClassName(name)) return name;
  return canonicalNames().get(phraseKey(name));
}

interface Phrase {
  readonly stems: readonly string[];
  readonly classes: readonly string[];
}

/** A word without its plural "s", so "numéros" meets "numéro" and "addresses" meets "addresse". */
const stem = (word: string) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word);

/** Phrases grouped by first word, longest first. */
function compile(table: Readonly<Record<string, string | readonly string[]>>): Map<string, Phrase[]> {
  const byFirst = new Map<string, Phrase[]>();
  for (const [text, classes] of Object.entries(table)) {
    const list = typeof classes === 'string' ? [classes] : classes;
    for (const c of list) if (!isDataClassName(c)) throw new Error(`data-class-mapping: "${c}" is not a canonical class`);
    const stems = tokenize(text).map(stem);
    if (stems.length === 0) continue;
    const group = byFirst.get(stems[0]!) ?? [];
    group.push({ stems, classes: list });
    byFirst.set(stems[0]!, group);
  }
  for (const group of byFirst.values()) group.sort((a, b) => b.stems.length - a.stems.length);
  return byFirst;
}

const NEGATIONS = new Set(['not', 'no', 'neither', 'nor', 'without', 'excluding', 'ne', 'pas', 'aucun', 'aucune', 'sans'].map(stem));

/** Classes named in `text`, each phrase matched at most once, longest first at each position. */
function match(text: string, phrases: Map<string, Phrase[]>, skipNegated: boolean): string[] {
  const found = new Set<string>();
  for (const sentence of skipNegated ? text.split(/[.;!?]+(?:\s|$)/) : [text]) {
    const words = tokenize(sentence).map(stem);
    let negated = false;
    for (let i = 0; i < words.length; ) {
      if (skipNegated && NEGATIONS.has(words[i]!)) negated = true;
      let advanced = false;
      for (const phrase of phrases.get(words[i]!) ?? []) {
        const n = phrase.stems.length;
        if (i + n > words.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = words[i + k] === phrase.stems[k];
        if (!ok) continue;
        if (!negated) for (const c of phrase.classes) found.add(c);
        i += n;
        advanced = true;
        break;
      }
      if (!advanced) i++;
    }
  }
  return [...found];
}

const FRENCH_PHRASES = compile({
  "nom d'utilisateur": 'Usernames', "noms d'utilisateurs": 'Usernames', pseudo: 'Usernames', pseudonyme: 'Usernames', login: 'Usernames',
  'identifiant de connexion': 'Usernames', 'identifiant de compte': 'Account login details', "identifiant d'accès": 'Account login details',
  identifiant: 'Account login details', 'identifiants': 'Account login details', "données d'identification": 'Account login details', "code d'activation": 'Account login details',
  "nom de l'assureur": 'Health insurance information', assureur: 'Health insurance information', mutuelle: 'Health insurance information',
  'assurance santé': 'Health insurance information', 'tiers payant': 'Health insurance information', 'dates de couverture': 'Health insurance information',
  'mot de passe': 'Passwords', 'mots de passe': 'Passwords', hash: 'Passwords', hachage: 'Passwords', credentials: 'Passwords', password: 'Passwords',
  'adresse email': 'Email addresses', 'adresse mail': 'Email addresses', 'adresse e-mail': 'Email addresses', 'adresse électronique': 'Email addresses',
  'adresse courriel': 'Email addresses', email: 'Email addresses', 'e-mail': 'Email addresses', mail: 'Email addresses', courriel: 'Email addresses',
  'adresse email et postale': ['Email addresses', 'Physical addresses'],
  'adresse ip': 'IP addresses', ip: 'IP addresses',
  'adresse postale': 'Physical addresses', 'adresse de livraison': 'Physical addresses', 'adresse de facturation': 'Physical addresses',
  'adresse de livraison et de facturation': 'Physical addresses', 'code postal': 'Physical addresses', ville: 'Physical addresses',
  adresse: 'Physical addresses', addresse: 'Physical addresses', 'justificatif de domicile': 'Physical addresses',
  'numéro de téléphone': 'Phone numbers', 'numére de téléphone': 'Phone numbers', téléphone: 'Phone numbers', 'numéro de mobile': 'Phone numbers',
  portable: 'Phone numbers', 'numéro de fax': 'Phone numbers',
  'date de naissance': 'Dates of birth', 'date et lieu de naissance': ['Dates of birth', 'Places of birth'], 'date de naissance et de décès': 'Dates of birth',
  'lieu de naissance': 'Places of birth', 'pays de naissance': 'Places of birth', 'département de naissance': 'Places of birth', 'acte de naissance': 'Government issued IDs',
  'numéro de sécurité sociale': 'Social security numbers', 'sécurité sociale': 'Social security numbers', nir: 'Social security numbers',
  'carte vitale': 'Social security numbers', 'numéro de sécu': 'Social security numbers',
  iban: 'Bank account numbers', rib: 'Bank account numbers', 'coordonnées bancaires': 'Bank account numbers', 'compte bancaire': 'Bank account numbers',
  'comptes bancaires': 'Bank account numbers',
  'informations bancaires': 'Payment info', 'données bancaires': 'Payment info', 'moyens de paiement': 'Payment info', 'informations de paiement': 'Payment info',
  '4 derniers numéros de la carte': 'Partial credit card data', '4 derniers chiffres': 'Partial credit card data',
  'carte bancaire': 'Credit cards', 'cartes bancaires': 'Credit cards', 'carte de crédit': 'Credit cards', 'numéro de carte bancaire': 'Credit cards',
  genre: 'Genders', sexe: 'Genders', civilité: 'Genders',
  nationalité: 'Nationalities',
  'situation familiale': 'Family members', 'composition familiale': 'Family members',
  'état civil': 'Marital statuses', 'situation matrimoniale': 'Marital statuses',
  fonction: 'Job titles', poste: 'Job titles', profession: 'Job titles', 'titre courant du poste': 'Job titles', 'catégorie socio-professionnelle': 'Job titles',
  employeur: 'Employers',
  "carte d'identité": 'Government issued IDs', "pièce d'identité": 'Government issued IDs', "numéro de pièce d'identité": 'Government issued IDs',
  passeport: 'Government issued IDs', "justificatif d'identité": 'Government issued IDs', "copie du justificatif d'identité": 'Government issued IDs',
  "photo d'identité": ['Government issued IDs', 'Photos'],
  'permis de conduire': "Driver's licenses",
  "plaque d'immatriculation": 'Vehicle details', immatriculation: 'Vehicle details',
  'historique des commandes': 'Purchases', 'historique de commandes': 'Purchases', commandes: 'Purchases', commande: 'Purchases',
  'historique des achats': 'Purchases', achats: 'Purchases', 'produits commandés': 'Purchases', 'tickets de caisse': 'Purchases', "liste d'achats": 'Purchases',
  'historique des transactions': 'Payment histories', 'distorique des transactions': 'Payment histories',
  'données de santé': 'Health records', 'données médicales': 'Health records', 'dossier médical': 'Health records', 'dossiers médicaux': 'Health records',
  'prescriptions médicales': 'Health records', 'historique des soins': 'Health records', 'médecin traitant': 'Health records',
  "résultat d'examen de santé": 'Health records', 'données de correction visuelle': 'Health records',
  photo: 'Photos', selfie: 'Photos', avatar: 'Photos', 'photo de profil': 'Photos',
  revenus: 'Salaries', salaire: 'Salaries', 'bulletin de salaire': 'Salaries', 'montant approximatif des ressources': 'Salaries',
  diplôme: 'Education levels', "niveau d'étude": 'Education levels', "niveau d'études": 'Education levels',
  'numéro de contrat': 'Customer contracts', 'contrat souscrit': 'Customer contracts', 'données contractuelles': 'Customer contracts',
  "type d'offre souscrite": 'Customer contracts', 'identifiant de contrat': 'Customer contracts', 'type de forfait': 'Customer contracts', contrat: 'Customer contracts',
  "avis d'imposition": 'Tax identification numbers', 'numéro fiscal': 'Tax identification numbers',
  'solde du compte': 'Account balances',
  localisation: 'Geographic locations', géolocalisation: 'Geographic locations',
  cv: 'Job applications', candidature: 'Job applications',
  langue: 'Spoken languages', 'langues maîtrisées': 'Spoken languages',
  messages: 'Private messages', conversations: 'Private messages',
  biométrique: 'Biometric data', 'empreintes digitales': 'Biometric data',
  opérateur: 'Telecommunication provider',
  'profils réseaux sociaux': 'Social media profiles', 'réseaux sociaux': 'Social media profiles',
  'date de dernière connexion': 'Website activity', 'historique de connexion': 'Website activity',
  'identifiant du smartphone': 'Device information', 'identifiant de la carte sim': 'Device information',
  'question secrète': 'Security questions and answers',
  nom: 'Names', prénom: 'Names', 'nom complet': 'Names', identité: 'Names', 'nom du conseiller': 'Names',
});

/** The canonical classes one bonjourlafuite item names ("nom, prénom" → Names); [] when none. */
export function classesInFrenchItem(item: string): string[] {
  return match(item, FRENCH_PHRASES, false);
}

const ENGLISH_PHRASES = compile({
  'email addresses': 'Email addresses', 'email address': 'Email addresses', 'e-mail addresses': 'Email addresses', emails: 'Email addresses',
  'domain names': [], 'company names': 'Employers', 'file names': [], 'user names': 'Usernames',
  names: 'Names', 'full names': 'Names', 'first names': 'Names', 'last names': 'Names', 'patient names': 'Names',
  passwords: 'Passwords', password: 'Passwords', 'password hashes': 'Passwords',
  usernames: 'Usernames', username: 'Usernames',
  'phone numbers': 'Phone numbers', 'phone number': 'Phone numbers', 'telephone numbers': 'Phone numbers', 'mobile numbers': 'Phone numbers',
  'ip addresses': 'IP addresses', 'ip address': 'IP addresses',
  'physical addresses': 'Physical addresses', 'postal addresses': 'Physical addresses', 'home addresses': 'Physical addresses', addresses: 'Physical addresses', address: 'Physical addresses',
  'dates of birth': 'Dates of birth', 'date of birth': 'Dates of birth', 'birth dates': 'Dates of birth', birthdates: 'Dates of birth',
  'social security numbers': 'Social security numbers', 'social security number': 'Social security numbers', 'social security': 'Social security numbers', ssn: 'Social security numbers', ssns: 'Social security numbers',
  "driver's license": "Driver's licenses", "drivers' license": "Driver's licenses", "driver's licenses": "Driver's licenses", 'driver license': "Driver's licenses", 'driving licence': "Driver's licenses",
  'partial credit card': 'Partial credit card data', 'credit card': 'Credit cards', 'credit cards': 'Credit cards', 'payment card': 'Credit cards',
  'payment information': 'Payment info', 'payment info': 'Payment info', 'payment details': 'Payment info', 'financial information': 'Payment info',
  'bank account numbers': 'Bank account numbers', 'bank account': 'Bank account numbers', 'bank accounts': 'Bank account numbers',
  'health insurance': 'Health insurance information',
  'medical records': 'Health records', 'medical record': 'Health records', 'medical information': 'Health records', 'health information': 'Health records',
  diagnoses: 'Health records', diagnosis: 'Health records', 'treatment information': 'Health records', medications: 'Health records', medication: 'Health records',
  'lab results': 'Health records', 'clinical information': 'Health records', 'protected health information': 'Health records',
  'job titles': 'Job titles', 'job title': 'Job titles', occupations: 'Job titles', employers: 'Employers', employer: 'Employers',
  purchases: 'Purchases', 'purchase history': 'Purchases', 'order history': 'Purchases', 'purchase histories': 'Purchases',
  'private messages': 'Private messages', 'chat logs': 'Private messages',
  'security questions': 'Security questions and answers',
  'device information': 'Device information',
  'passport numbers': 'Government issued IDs', passports: 'Government issued IDs', passport: 'Government issued IDs', 'government issued ids': 'Government issued IDs',
  'government-issued ids': 'Government issued IDs', 'identity documents': 'Government issued IDs', 'id cards': 'Government issued IDs',
  biometric: 'Biometric data', 'social media profiles': 'Social media profiles', salaries: 'Salaries', income: 'Salaries',
  nationalities: 'Nationalities', nationality: 'Nationalities', 'marital statuses': 'Marital statuses', 'marital status': 'Marital statuses',
  photos: 'Photos', 'profile photos': 'Photos', selfies: 'Photos',
  'licence plates': 'Vehicle details', 'license plates': 'Vehicle details', vins: 'Vehicle details',
  'tax identification numbers': 'Tax identification numbers', 'taxpayer identification numbers': 'Tax identification numbers',
  religion: 'Religions', religions: 'Religions', 'sexual orientation': 'Sexual orientations', 'sexual orientations': 'Sexual orientations',
  ethnicity: 'Ethnicities', ethnicities: 'Ethnicities', 'auth tokens': 'Auth tokens', 'authentication tokens': 'Auth tokens', 'access tokens': 'Auth tokens',
  'education levels': 'Education levels', 'spoken languages': 'Spoken languages', 'places of birth': 'Places of birth', 'place of birth': 'Places of birth',
  'account balances': 'Account balances', 'website activity': 'Website activity', 'browsing history': 'Website activity',
  'user agent': 'Browser user agent details', 'user agents': 'Browser user agent details', genders: 'Genders', gender: 'Genders',
  'geographic locations': 'Geographic locations', geolocation: 'Geographic locations',
});

/** The canonical classes an English description states, negated mentions left out. */
export function classesInEnglishProse(text: string): string[] {
  return match(text, ENGLISH_PHRASES, true);
}
