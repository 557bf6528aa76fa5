/**
 * The one canonical vocabulary of data classes. A class's `name` is the name Have I Been Pwned
 * uses where it has one, so imported records map onto it without translation tables; `en` and
 * `fr` are the labels answers show; `synonyms` are what people type (English and French, any
 * case, with or without accents) and feed both the search index and the query parser.
 */
export interface DataClass {
  readonly name: string;
  readonly en: string;
  readonly fr: string;
  readonly synonyms: readonly string[];
}

const classes = [
  { name: 'Email addresses', en: 'email addresses', fr: 'adresses e-mail', synonyms: ['email', 'emails', 'e-mail', 'e-mails', 'email address', 'mail', 'adresse email', 'adresse mail', 'adresses mail', 'adresse e-mail', 'courriel', 'courriels'] },
  { name: 'Names', en: 'names', fr: 'noms', synonyms: ['name', 'full names', 'first names', 'last names', 'nom', 'prénom', 'prénoms', 'noms et prénoms', 'nom prénom'] },
  { name: 'Phone numbers', en: 'phone numbers', fr: 'numéros de téléphone', synonyms: ['phone', 'phones', 'telephone numbers', 'mobile numbers', 'téléphone', 'numéro de téléphone', 'numéros de mobile', 'numéro de mobile', 'portable'] },
  { name: 'Physical addresses', en: 'postal addresses', fr: 'adresses postales', synonyms: ['address', 'addresses', 'postal address', 'home address', 'physical address', 'adresse', 'adresse postale', 'adresses physiques'] },
  { name: 'Dates of birth', en: 'dates of birth', fr: 'dates de naissance', synonyms: ['date of birth', 'birth date', 'birthdate', 'birthdays', 'dob', 'date de naissance'] },
  { name: 'Passwords', en: 'passwords', fr: 'mots de passe', synonyms: ['password', 'passwd', 'credentials', 'mot de passe', 'mdp', 'identifiants de connexion'] },
  { name: 'Social security numbers', en: 'social security numbers', fr: 'numéros de sécurité sociale', synonyms: ['social security number', 'ssn', 'ssns', 'numéro de sécurité sociale', 'numero de secu', 'nir', 'sécu'] },
  { name: "Driver's licenses", en: "driver's license numbers", fr: 'numéros de permis de conduire', synonyms: ["driver's license", 'drivers licenses', 'driving licence', 'driving licences', 'permis de conduire', 'numéro de permis de conduire'] },
  { name: 'Payment info', en: 'payment information', fr: 'informations de paiement', synonyms: ['payment', 'payment details', 'payment data', 'card details', 'bank details', 'banking details', 'données bancaires', 'coordonnées bancaires', 'informations bancaires', 'moyens de paiement', 'informations de paiement'] },
  { name: 'Credit cards', en: 'credit card numbers', fr: 'numéros de carte bancaire', synonyms: ['credit card', 'credit cards', 'card numbers', 'carte bancaire', 'cartes bancaires', 'carte de crédit', 'numéro de carte'] },
  { name: 'Bank account numbers', en: 'bank account numbers', fr: 'numéros de compte bancaire', synonyms: ['bank account', 'bank accounts', 'iban', 'ibans', 'rib', 'compte bancaire', 'comptes bancaires'] },
  { name: 'Account login details', en: 'account login details', fr: 'identifiants de compte', synonyms: ['login details', 'login information', 'account credentials', 'identifiants', 'informations de connexion'] },
  { name: 'Usernames', en: 'usernames', fr: "noms d'utilisateur", synonyms: ['username', 'user names', 'logins', "nom d'utilisateur", 'pseudo', 'pseudonyme'] },
  { name: 'IP addresses', en: 'IP addresses', fr: 'adresses IP', synonyms: ['ip', 'ip address', 'adresse ip'] },
  { name: 'Genders', en: 'genders', fr: 'genres', synonyms: ['gender', 'sex', 'genre', 'sexe', 'civilité'] },
  { name: 'Geographic locations', en: 'geographic locations', fr: 'localisations', synonyms: ['location', 'locations', 'geolocation', 'localisation', 'géolocalisation'] },
  { name: 'Job titles', en: 'job titles', fr: 'fonctions', synonyms: ['job title', 'occupation', 'occupations', 'fonction', 'poste', 'profession', 'professions'] },
  { name: 'Employers', en: 'employers', fr: 'employeurs', synonyms: ['employer', 'company names', 'employeur'] },
  { name: 'Health insurance information', en: 'health insurance information', fr: "données d'assurance santé", synonyms: ['health insurance', 'insurance information', 'mutuelle', 'assurance santé', 'assureur santé', 'tiers payant'] },
  { name: 'Health records', en: 'health records', fr: 'données de santé', synonyms: ['health data', 'medical records', 'medical data', 'medical information', 'phi', 'protected health information', 'dossiers médicaux', 'dossier médical', 'données médicales', 'santé'] },
  { name: 'Government issued IDs', en: 'government-issued IDs', fr: "pièces d'identité", synonyms: ['id cards', 'identity documents', 'passport numbers', 'passports', "carte d'identité", "cartes d'identité", "pièce d'identité", 'passeport', 'passeports'] },
  { name: 'Social media profiles', en: 'social media profiles', fr: 'profils de réseaux sociaux', synonyms: ['social profiles', 'réseaux sociaux'] },
  { name: 'Purchases', en: 'purchase history', fr: "historique d'achats", synonyms: ['purchase', 'orders', 'order history', 'transaction history', 'commandes', 'historique des transactions', 'achats'] },
  { name: 'Education levels', en: 'education levels', fr: "niveaux d'études", synonyms: ['education', 'diplomas', 'diplômes', 'scolarité'] },
  { name: 'Salaries', en: 'salaries', fr: 'salaires', synonyms: ['salary', 'income', 'income levels', 'salaire', 'revenus'] },
  { name: 'Family members', en: 'family members', fr: 'membres de la famille', synonyms: ['family', 'famille', 'situation familiale'] },
  { name: 'Marital statuses', en: 'marital statuses', fr: 'situations matrimoniales', synonyms: ['marital status', 'situation matrimoniale'] },
  { name: 'Nationalities', en: 'nationalities', fr: 'nationalités', synonyms: ['nationality', 'nationalité'] },
  { name: 'Photos', en: 'photos', fr: 'photos', synonyms: ['photo', 'pictures', 'images', 'profile photos'] },
  { name: 'Private messages', en: 'private messages', fr: 'messages privés', synonyms: ['messages', 'chat logs', 'conversations'] },
  { name: 'Security questions and answers', en: 'security questions and answers', fr: 'questions de sécurité', synonyms: ['security questions', 'questions secrètes'] },
  { name: 'Device information', en: 'device information', fr: 'informations sur les appareils', synonyms: ['devices', 'device ids', 'appareils'] },
  { name: 'Partial credit card data', en: 'partial credit card data', fr: 'données partielles de carte bancaire', synonyms: ['partial card numbers', 'last four digits', '4 derniers chiffres'] },
  { name: 'Tax identification numbers', en: 'tax identification numbers', fr: "numéros d'identification fiscale", synonyms: ['tax id', 'tax ids', 'tin', 'numéro fiscal', 'numéro fiscal de référence'] },
  { name: 'Telecommunication provider', en: 'telecom provider', fr: 'opérateur de télécommunications', synonyms: ['mobile operator', 'internet provider', 'carrier', 'opérateur mobile', 'opérateur internet', 'fournisseur d’accès'] },
  { name: 'Customer contracts', en: 'customer contracts', fr: 'contrats clients', synonyms: ['contracts', 'contract details', 'contrat', 'contrats', 'contrat souscrit'] },
  { name: 'Biometric data', en: 'biometric data', fr: 'données biométriques', synonyms: ['biometrics', 'fingerprints', 'biométrie', 'empreintes digitales'] },
  { name: 'Vehicle details', en: 'vehicle details', fr: 'informations sur les véhicules', synonyms: ['vehicles', 'licence plates', 'license plates', 'immatriculation', 'plaques d’immatriculation'] },
  // Appended for the imported feeds (HIBP names, frequent in its catalogue or in bonjourlafuite's lists).
  { name: 'Website activity', en: 'website activity', fr: 'activité sur le site', synonyms: ['browsing activity', 'site activity', 'activité en ligne'] },
  { name: 'Browser user agent details', en: 'browser user agent details', fr: 'informations sur le navigateur', synonyms: ['user agent', 'user agents', 'browser details', 'navigateur'] },
  { name: 'Spoken languages', en: 'spoken languages', fr: 'langues parlées', synonyms: ['languages spoken', 'langue parlée', 'langues maîtrisées'] },
  { name: 'Religions', en: 'religions', fr: 'religions', synonyms: ['religion', 'religious beliefs', 'croyances religieuses'] },
  { name: 'Sexual orientations', en: 'sexual orientations', fr: 'orientations sexuelles', synonyms: ['sexual orientation', 'orientation sexuelle'] },
  { name: 'Ethnicities', en: 'ethnicities', fr: 'origines ethniques', synonyms: ['ethnicity', 'ethnic origin', 'ethnic origins', 'origine ethnique'] },
  { name: 'Auth tokens', en: 'authentication tokens', fr: "jetons d'authentification", synonyms: ['auth token', 'authentication token', 'session tokens', "jeton d'authentification"] },
  { name: 'Account balances', en: 'account balances', fr: 'soldes de compte', synonyms: ['account balance', 'solde du compte', 'soldes des comptes'] },
  { name: 'Payment histories', en: 'payment histories', fr: 'historiques de paiement', synonyms: ['payment history', 'historique de paiement', 'historique des paiements'] },
  { name: 'Places of birth', en: 'places of birth', fr: 'lieux de naissance', synonyms: ['place of birth', 'birthplace', 'lieu de naissance'] },
  { name: 'Job applications', en: 'job applications', fr: 'candidatures', synonyms: ['job application', 'cv', 'cvs', 'resumes', 'curriculum vitae', 'candidature'] },
] as const satisfies readonly DataClass[];

export type DataClassName = (typeof classes)[number]['name'];

export const DATA_CLASSES: readonly DataClass[] = classes;

const byName = new Map<string, DataClass>(classes.map((c) => [c.name, c]));

export function isDataClassName(name: string): name is DataClassName {
  return byName.has(name);
}

export function dataClass(name: string): DataClass | undefined {
  return byName.get(name);
}

/**
 * Classes that also answer a question about a broader one: asking for bank or payment data
 * ("données bancaires", "payment data") finds IBANs, bank account numbers and card numbers too;
 * asking for passwords finds login details. A class asked for by its own narrow name
 * ("IBAN", "credit cards") stays narrow.
 */
const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  'Payment info': ['Bank account numbers', 'Credit cards', 'Partial credit card data', 'Payment histories', 'Account balances'],
  Passwords: ['Account login details', 'Auth tokens'],
  'Account login details': ['Passwords'],
  'Government issued IDs': ["Driver's licenses"],
};

/** The classes an incident may carry to match a filter on `name`: itself, then its family. */
export function classFamily(name: string): readonly string[] {
  return [name, ...(FAMILIES[name] ?? [])];
}

export function dataClassLabel(name: string, lang: 'en' | 'fr'): string {
  const c = byName.get(name);
  return c ? c[lang] : name;
}
