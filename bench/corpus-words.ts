/**
 * Word pools the corpus generator draws from: invented brand words (so names are many and
 * distinct at 100,000 records, as real catalogs are), real words that recur across names
 * ("Hôpital", "Saint", "Logistics"), and the phrases breach write-ups are made of, in English
 * and French.
 */
import type { Random } from './random.js';

const ONSETS = ['b', 'br', 'c', 'cl', 'd', 'dr', 'f', 'g', 'gr', 'k', 'l', 'm', 'n', 'p', 'pr', 'qu', 'r', 's', 'st', 't', 'tr', 'v', 'z', 'ch', 'j', 'h', 'x'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea', 'io', 'y'];
const FR_VOWELS = ['é', 'é', 'è', 'ô', 'â', 'eau', 'oi', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'x', 'm', 'nt', 'rd', 'st', 'ck', 'lt'];
const FR_CODAS = ['', '', 'ç', 'ne', 'lle', 'rre', 'sse', 'que', 'gne'];

/** An invented, pronounceable word: "Valtrix", "Brénoire", "Quostad". French-looking ones may carry accents. */
export function inventWord(rng: Random, french = false): string {
  const syllables = rng.int(2, 3);
  let word = '';
  for (let s = 0; s < syllables; s++) {
    word += rng.pick(ONSETS);
    word += french && rng.chance(0.25) ? rng.pick(FR_VOWELS) : rng.pick(VOWELS);
    if (s === syllables - 1 && french && rng.chance(0.3)) word += rng.pick(FR_CODAS);
    else word += rng.pick(CODAS);
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export const EN_COMPANY_SUFFIXES = [
  'Logistics', 'Health', 'Insurance', 'Bank', 'Energy', 'Telecom', 'Retail', 'Group', 'Labs', 'Games', 'Media', 'Airlines',
  'Hotels', 'Pharma', 'Software', 'Motors', 'Foods', 'Fashion', 'Financial', 'Credit Union', 'Dental', 'Fitness', 'Travel',
  'Realty', 'Marketplace', 'Education', 'Security', 'Analytics', 'Networks', 'Cosmetics',
];
export const FR_COMPANY_SUFFIXES = [
  'Assurances', 'Santé', 'Mutuelle', 'Énergie', 'Télécom', 'Immobilier', 'Voyages', 'Banque', 'Distribution', 'Mobilités',
  'Optique', 'Pharmacie', 'Formation', 'Transports', 'Habitat', 'Crédit', 'Prévoyance', 'Informatique', 'Éditions', 'Boutique',
];
export const SECTORS = [
  'healthcare', 'insurance', 'banking', 'retail', 'telecommunications', 'local government', 'education', 'transport',
  'energy', 'online gaming', 'hospitality', 'e-commerce', 'software', 'media', 'public administration', 'sports', 'real estate',
  'pharmaceuticals', 'online ticketing', 'human resources',
];
export const FR_PUBLIC_TEMPLATES = [
  'Mairie de {city}', 'Métropole de {city}', 'Centre hospitalier de {city}', 'CHU de {city}', 'Université de {city}',
  'Hôpital {saint} de {city}', 'Lycée {person} de {city}', 'Conseil départemental de {city}', "Communauté d'agglomération de {city}",
  'Office de tourisme de {city}', 'Clinique {saint}', 'Département de {city}', 'Collège {person}', 'France Travail {city}',
];
export const EN_PUBLIC_TEMPLATES = [
  '{city} County Council', 'University of {city}', '{city} General Hospital', 'City of {city}', '{city} School District',
  '{city} Medical Center', 'St. {person} Hospital', '{city} Public Library', '{city} Police Department', '{city} Water Authority',
];
export const ASSOCIATION_TEMPLATES = [
  'Fédération française de {sport}', 'Association {brand}', 'Ligue de {sport} de {city}', '{city} {sportEn} Club', 'Club {brand}',
];
export const SPORTS = ['tennis', 'football', 'rugby', 'natation', 'judo', 'cyclisme', 'voile', 'escrime', 'équitation', 'handball'];
export const SPORTS_EN = ['Tennis', 'Football', 'Rugby', 'Rowing', 'Golf', 'Cricket', 'Hockey', 'Chess'];
export const SAINTS = ['Saint-Joseph', 'Sainte-Anne', 'Saint-Louis', 'Sainte-Marie', 'Saint-Étienne', 'Saint-Michel', 'Saint-Éloi', 'Notre-Dame', 'Saint-Exupéry'];
export const PERSONS = ['Victor Hugo', 'Pasteur', 'Marie Curie', 'Jean Jaurès', 'Jean Moulin', 'Jules Ferry', 'Émile Zola', 'Voltaire', 'Molière', 'Simone Veil', 'George Sand', 'Hélène Boucher', 'Mary', 'Luke', 'Andrew', 'Thomas'];
export const RIVERS = ['Loire', 'Seine', 'Marne', 'Oise', 'Saône', 'Rhône', 'Garonne', 'Mer', 'Meuse', 'Vienne'];
export const EN_CITY_PATTERNS = ['{w}ton', '{w}field', 'Port {w}', '{w} Springs', 'New {w}', '{w}ford', '{w}ville', 'East {w}'];
export const FR_CITY_PATTERNS = ['{w}', '{w}', 'Saint-{w}', '{w}-sur-{river}', '{w}-les-Bains', 'Le {w}', 'La {w}', 'Villeneuve-{w}'];

export const VENDOR_SUFFIXES = ['Software', 'Cloud', 'Ticketing', 'Payments', 'CRM', 'Solutions', 'Hosting', 'IT Services', 'Informatique', 'Systems', 'Data', 'HR'];
export const VENDOR_ROLES: readonly { en: string; fr: string }[] = [
  { en: 'ticketing platform', fr: 'plateforme de billetterie' },
  { en: 'HR and payroll software provider', fr: 'éditeur de logiciel de paie et RH' },
  { en: 'CRM provider', fr: 'fournisseur de CRM' },
  { en: 'payment processor', fr: 'prestataire de paiement' },
  { en: 'IT services contractor', fr: 'prestataire informatique' },
  { en: 'customer-support chatbot provider', fr: 'fournisseur de chatbot de support client' },
  { en: 'hosting provider', fr: 'hébergeur' },
  { en: 'third-party payer platform', fr: 'opérateur de tiers payant' },
  { en: 'appointment booking platform', fr: 'plateforme de prise de rendez-vous' },
  { en: 'mailing service', fr: "service d'envoi d'e-mails" },
];

export const ATTACKS: readonly { en: string; fr: string; short: { en: string; fr: string } }[] = [
  { en: 'ransomware attack', fr: 'attaque par rançongiciel', short: { en: 'ransomware', fr: 'rançongiciel' } },
  { en: 'phishing campaign that compromised an employee account', fr: "campagne d'hameçonnage qui a compromis le compte d'un salarié", short: { en: 'phishing', fr: 'hameçonnage' } },
  { en: 'misconfigured Elasticsearch server left open to the internet', fr: 'serveur Elasticsearch mal configuré et accessible sur internet', short: { en: 'open database', fr: 'base ouverte' } },
  { en: 'credential stuffing attack', fr: 'attaque par bourrage d’identifiants', short: { en: 'credential stuffing', fr: 'credential stuffing' } },
  { en: 'SQL injection in a legacy web application', fr: 'injection SQL dans une ancienne application web', short: { en: 'SQL injection', fr: 'injection SQL' } },
  { en: 'compromised third-party supplier account', fr: "compte compromis d'un prestataire", short: { en: 'supplier compromise', fr: 'prestataire compromis' } },
  { en: 'unsecured Amazon S3 bucket', fr: 'compartiment Amazon S3 non protégé', short: { en: 'exposed bucket', fr: 'stockage exposé' } },
  { en: 'malicious insider who exported customer files', fr: 'salarié malveillant qui a exporté des fichiers clients', short: { en: 'insider', fr: 'initié malveillant' } },
  { en: 'stolen laptop that was not encrypted', fr: 'ordinateur portable volé non chiffré', short: { en: 'stolen laptop', fr: 'ordinateur volé' } },
  { en: 'exploited vulnerability in a file-transfer appliance', fr: "vulnérabilité exploitée dans une solution de transfert de fichiers", short: { en: 'zero-day', fr: 'faille zero-day' } },
];
export const WHO: readonly { en: string; fr: string }[] = [
  { en: 'customers', fr: 'clients' }, { en: 'patients', fr: 'patients' }, { en: 'employees', fr: 'salariés' }, { en: 'students', fr: 'élèves' },
  { en: 'members', fr: 'adhérents' }, { en: 'users', fr: 'utilisateurs' }, { en: 'residents', fr: 'administrés' }, { en: 'policyholders', fr: 'assurés' },
];
export const AUTHORITIES: readonly { en: string; fr: string }[] = [
  { en: 'the CNIL', fr: 'la CNIL' }, { en: "the Information Commissioner's Office", fr: "l'ICO britannique" }, { en: 'the ANSSI', fr: "l'ANSSI" },
  { en: 'the HHS Office for Civil Rights', fr: "l'OCR du ministère américain de la santé" }, { en: 'state attorneys general', fr: 'les procureurs des États' },
  { en: 'the police', fr: 'la police' }, { en: 'the data protection authority', fr: "l'autorité de protection des données" },
];
export const FORUMS = ['BreachForums', 'XSS', 'Exploit.in', 'a Telegram channel', 'RaidForums', 'a dark web leak site'];
export const ACTOR_SUFFIXES = ['Hunters', 'Crew', 'Team', 'Gang', 'Spider', 'Locker', 'Lapsus', 'Group'];
export const FILLER_EN = [
  'The investigation is still ongoing and the full scope of the intrusion has not been confirmed.',
  'Affected people were advised to be wary of phishing emails and unsolicited phone calls.',
  'The company said there was no evidence that the data had been misused so far.',
  'Researchers noted that some of the records dated back several years.',
  'A class action was filed a few weeks after the disclosure.',
  'The breach was first reported by a security researcher who found the data online.',
  'Systems were restored from backups and additional monitoring was put in place.',
  'The notification letters were sent several months after the intrusion began.',
];
export const FILLER_FR = [
  "L'enquête est toujours en cours et l'ampleur exacte de l'intrusion n'a pas été confirmée.",
  "Les personnes concernées sont invitées à se méfier des courriels d'hameçonnage et des appels non sollicités.",
  "L'entreprise affirme n'avoir constaté aucune utilisation frauduleuse des données à ce stade.",
  'Des chercheurs ont relevé que certains enregistrements dataient de plusieurs années.',
  'Une action collective a été déposée quelques semaines après la révélation.',
  'La fuite a d’abord été signalée par un chercheur en sécurité qui a trouvé les données en ligne.',
  'Les systèmes ont été restaurés depuis des sauvegardes et une surveillance renforcée a été mise en place.',
];
export const REMEDIATION: readonly { en: string; fr: string }[] = [
  { en: 'reset the passwords of every account', fr: 'réinitialisé les mots de passe de tous les comptes' },
  { en: 'offered twelve months of credit monitoring', fr: 'proposé douze mois de surveillance de crédit' },
  { en: 'taken the affected server offline', fr: 'mis hors ligne le serveur concerné' },
  { en: 'hired an outside forensic firm', fr: "fait appel à un cabinet d'investigation externe" },
  { en: 'filed a complaint', fr: 'déposé plainte' },
];
export const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
export const PUBLISHERS = ['Le Monde Informatique', 'ZDNet', 'BleepingComputer', 'Numerama', 'The Record', 'Zataz', "LeMagIT", 'TechCrunch', 'Ouest-France', 'BBC News'];
