/**
 * The relevance table: questions as people ask them, in English and French, over the whole
 * bundled catalog, each with the incident that must come first, or null when nothing must be
 * found. Every example of issue 12 is here, most with a second check of what else the answer
 * must (not) hold.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { realCore } from '../helpers/catalog-fixtures.js';
import { parseCommandText } from '../../commands/index.js';

const core = realCore();

function first(answer: Answer): string | null {
  if (answer.kind === 'no-results') return null;
  if (answer.kind !== 'results') throw new Error(`expected results, got ${answer.kind}`);
  return answer.matches[0]!.incident.id;
}

const TABLE: readonly [question: string, firstId: string | null][] = [
  ["breaches via a chatbot vendor", "ticketmaster-inbenta-2018"],
  ["fuites via un prestataire en 2024", "hibp-advanceautoparts"],
  ["chatbot", "ticketmaster-inbenta-2018"],
  ["plus de 100 000 personnes en 2025", "hibp-synthientcredentialstuffingthreatdata"],
  ["combien de personnes touchées chez orange", "orange-2014-04"],
  ["orange février 2014", "orange-2014-02"],
  ["orange 800000 clients", "orange-2014-02"],
  ["orange 1,3 million", "orange-2014-04"],
  ["french breaches", "blf-idmerit-2026-02-19"],
  ["biggest french breaches", "blf-idmerit-2026-02-19"],
  ["données bancaires en France depuis 2025", "hibp-bouyguestelecom"],
  ["pole emploi", "blf-france-travail-2024-03-08"],
  ["pôle emploi 2024", "blf-france-travail-2024-03-08"],
  ["zzqxv wqplk", null],
  ["fuite données élus", "metropole-du-grand-paris-2025"],
  ["brest", "blf-mairie-de-brest-2025-11-17"],
  ["assurance retraite", "blf-assurance-retraite-2024-09-13"],
  ["france travail", "blf-france-travail-2024-03-08"],
  ["france travail 1,6 million", "blf-france-travail-2025-12-01"],
  ["met opera december 2022 attack", "met-opera-2022-12-attack"],
  ["met opera breach", "met-opera-2022"],
  ["les mutuelles piratées via almerys", "blf-mutuelle-entrain-2026-06-11"],
  ["qui a été piraté via almerys", "blf-mutuelle-entrain-2026-06-11"],
  ["almerys", "blf-almerys-viamedis-2024-02-06"],
  ["viamedis", "blf-almerys-viamedis-2024-02-06"],
  ["who was hacked through inbenta", "ticketmaster-inbenta-2018"],
  ["ticketmaster 2018 inbenta", "ticketmaster-inbenta-2018"],
  ["when was ticketmaster hacked", "blf-ticketmaster-2024-04-28"],
  ["how many people were affected at ticketmaster", "blf-ticketmaster-2024-04-28"],
  ["combien de victimes chez sirius", "sirius-ticketing-2024"],
  ["quand sirius a été piraté", "sirius-ticketing-2024"],
  ["le quartz brest", "sirius-ticketing-2024"],
  ["très tôt théâtre", "sirius-ticketing-2024"],
  ["mairie de brest", "blf-mairie-de-brest-2025-11-17"],
  ["mairie de chatou", "blf-mairie-de-chatou-2025-11-24"],
  ["linkedin 2012", "hibp-linkedin"],
  ["adobe", "hibp-adobe"],
  ["CNAV", "blf-assurance-retraite-2024-09-13"],
  ["dgfip", "blf-direction-generale-des-finances-publiques-2026-02-18"],
  ["impots.gouv", "blf-direction-generale-des-finances-publiques-2026-02-18"],
  ["france titres", "blf-france-titre-ants-2026-04-15"],
  ["ANTS", "blf-france-titre-ants-2026-04-15"],
  ["sfr", "blf-sfr-2024-11-24"],
  ["red by sfr", "blf-red-by-sfr-2024-09-18"],
  ["bouygues telecom", "hibp-bouyguestelecom"],
  ["chronopost", "blf-chronopost-2025-12-20"],
  ["pajemploi", "blf-pajemploi-2025-11-17"],
  ["urssaf", "blf-urssaf-2026-01-19"],
  ["auchan", "blf-auchan-2025-08-21"],
  ["intersport", "blf-intersport-2025-03-20"],
  ["cultura", "hibp-cultura"],
  ["boulanger", "hibp-boulanger"],
  ["darty", "blf-darty-2026-02-09"],
  ["cegedim", "blf-cegedim-2026-02-27"],
  ["decathlon", null],
  ["kiabi", "blf-kiabi-2025-01-14"],
  ["leboncoin", null],
  ["fuites en avril 2024", "blf-ticketmaster-2024-04-28"],
  ["breaches in March 2024", "blf-france-travail-2024-03-08"],
  ["fuites de mars 2024", "blf-france-travail-2024-03-08"],
  ["fuites en janvier 2025", "hibp-stealerlogsjan2025"],
  ["2024-04", "blf-ticketmaster-2024-04-28"],
  ["leaks 2025-01", "hibp-stealerlogsjan2025"],
  ["passwords 2024", "hibp-telegramcombolists"],
  ["mots de passe 2023", "hibp-nazapi"],
  ["fuites de mots de passe en France", "hibp-dailymotion"],
  ["iban", "hibp-freemobile"],
  ["données bancaires", "blf-ticketmaster-2024-04-28"],
  ["bank account numbers", "hibp-freemobile"],
  ["numéros de sécurité sociale en 2025", "hibp-prosper"],
  ["NIR", "blf-idmerit-2026-02-19"],
  ["social security numbers 2024", "blf-france-travail-2024-03-08"],
  ["credit cards", "hibp-genesismarket"],
  ["cartes bancaires en France", "blf-cookson-clal-2026-09-30"],
  ["health records", "hhs-change-healthcare-inc-2024-07-19"],
  ["données de santé en France", "blf-agences-regionales-de-sante-de-l-ile-de-france-2025-10-22"],
  ["fuites de dossiers médicaux", "hhs-change-healthcare-inc-2024-07-19"],
  ["biggest breaches", "blf-idmerit-2026-02-19"],
  ["les plus grosses fuites", "blf-idmerit-2026-02-19"],
  ["latest breaches", "blf-cnam-2026-10-07"],
  ["dernières fuites en France", "blf-cnam-2026-10-07"],
  ["fuites récentes", "blf-cnam-2026-10-07"],
  ["british breaches", "ticketmaster-inbenta-2018"],
  ["uk breaches", "ticketmaster-inbenta-2018"],
  ["breaches in the UK", "ticketmaster-inbenta-2018"],
  ["american breaches", "hhs-change-healthcare-inc-2024-07-19"],
  ["fuites américaines", "hhs-change-healthcare-inc-2024-07-19"],
  ["fuites belges", null],
  ["belgian breaches", null],
  ["fuites allemandes", null],
  ["over 10 million", "blf-idmerit-2026-02-19"],
  ["plus de 1 million en France", "blf-idmerit-2026-02-19"],
  ["at least 50 million", "blf-idmerit-2026-02-19"],
  ["cyberattaques en France", "metropoles-nantes-angers-dijon-2024"],
  ["attaque métropole", "blf-metropole-de-bordeaux-2026-04-29"],
  ["ransomware attacks", "metropoles-nantes-angers-dijon-2024"],
  ["attack on metropolitan opera", "met-opera-2022-12-attack"],
  ["métropole du grand paris", "metropole-du-grand-paris-2025"],
  ["metropole grand paris", "metropole-du-grand-paris-2025"],
  ["metropoles nantes angers dijon", "metropoles-nantes-angers-dijon-2024"],
  ["aix marseille provence", "metropole-aix-marseille-provence-2020"],
  ["angers", "metropoles-nantes-angers-dijon-2024"],
  ["dijon", "metropoles-nantes-angers-dijon-2024"],
  ["grand paris", "metropole-du-grand-paris-2025"],
  ["ticketmaster", "blf-ticketmaster-2024-04-28"],
  ["ticketmastr", "blf-ticketmaster-2024-04-28"],
  ["tiketmaster", "blf-ticketmaster-2024-04-28"],
  ["ornage", "orange-2014-04"],
  ["orang", "orange-2014-04"],
  ["sirus", "sirius-ticketing-2024"],
  ["metropolitn opera", "met-opera-2022"],
  ["metropolitan", "met-opera-2022"],
  ["inbenta technologies", "ticketmaster-inbenta-2018"],
  ["inbenta", "ticketmaster-inbenta-2018"],
  ["sirius", "sirius-ticketing-2024"],
  ["quartz", "sirius-ticketing-2024"],
  ["orange romania", "hibp-orangeromania"],
  ["orange county health authority", "hhs-orange-county-health-authority-2021-10-12"],
  ["orangeburg", "hhs-orangeburg-eye-center-2022-06-08"],
  ["ticketmaster uk", "ticketmaster-inbenta-2018"],
  ["hôpital", "blf-hopital-prive-de-la-loire-2025-06-21"],
  ["university of michigan", "hhs-university-of-michigan-michigan-medicine-2024-09-26"],
  ["anthem", "hhs-anthem-inc-2015-02-13"],
  ["change healthcare", "hhs-change-healthcare-inc-2024-07-19"],
  ["myspace", "hibp-myspace"],
  ["canva", "hibp-canva"],
  ["zynga", "hibp-zynga"],
  ["deezer", "hibp-deezer"],
  ["fuite deezer", "hibp-deezer"],
  ["qui a piraté deezer", "hibp-deezer"],
  ["combien de comptes deezer", "hibp-deezer"],
  ["ledger", "hibp-ledger"],
  ["doctolib", null],
  ["xxqqzz", null],
  ["blablabla", null],
  ["azerty", null],
  ["qwertyuiop", null],
  ["@everyone orange", "orange-2014-04"],
  ["<@U123> orange", "orange-2014-04"],
  ["or\u0001ange", "orange-2014-04"],
  ["what happened at dropbox", "hibp-dropbox"],
  ["when did adobe get hacked", "hibp-adobe"],
  ["how many accounts were leaked at linkedin", "hibp-linkedin"],
  ["combien de comptes linkedin", "hibp-linkedin"],
  ["fuite chez free en 2024", "blf-free-2024-10-25"],
  ["free octobre 2024", "blf-free-2024-10-25"],
  ["sfr novembre 2024", "blf-sfr-2024-11-24"],
  ["quand chronopost a été piraté", "blf-chronopost-2025-12-20"],
  ["chronopost 860 000 clients", "blf-chronopost-2025-12-20"],
  ["combien de clients chronopost", "blf-chronopost-2025-12-20"],
  ["fuite urssaf 12 millions", "blf-urssaf-2026-01-19"],
  ["intersport mars 2025", "blf-intersport-2025-03-20"],
  ["fuites chez cegedim", "blf-cegedim-2026-02-27"],
  ["who leaked deezer data", "hibp-deezer"],
  ["canva 2019", "hibp-canva"],
  ["myspace 2008", "hibp-myspace"],
  ["zynga 2019", "hibp-zynga"],
  ["yahoo breach", "hibp-yahoo"],
  ["fuite france travail mars 2024", "blf-france-travail-2024-03-08"],
  ["france travail 43 millions", "blf-france-travail-2024-03-08"],
  ["pole emploi 43 millions", "blf-france-travail-2024-03-08"],
  ["pôle-emploi", "blf-france-travail-2024-03-08"],
  ["caisse d'allocations familiales", "blf-caisse-d-allocations-familiales-2026-02-25"],
  ["allocations familiales", "blf-caisse-d-allocations-familiales-2026-02-25"],
  ["finances publiques", "blf-direction-generale-des-finances-publiques-2026-02-18"],
  ["direction générale des finances publiques", "blf-direction-generale-des-finances-publiques-2026-02-18"],
  ["france télécom", "orange-2014-04"],
  ["france telecom 2014", "orange-2014-04"],
  ["twitter 200m", "hibp-twitter200m"],
  ["twitter 2022", "hibp-twitter"],
  ["anthem 2015", "hhs-anthem-inc-2015-02-13"],
  ["anthem 78 millions", "hhs-anthem-inc-2015-02-13"],
  ["premera blue cross", "hhs-premera-blue-cross-2015-03-17"],
  ["change healthcare 2024", "hhs-change-healthcare-inc-2024-07-19"],
  ["change healthcare 100 million", "hhs-change-healthcare-inc-2024-07-19"],
  ["bouygues", "hibp-bouyguestelecom"],
  ["red sfr", "blf-red-by-sfr-2024-09-18"],
  ["sfr 2024", "blf-sfr-2024-11-24"],
  ["auchan novembre 2024", "blf-auchan-2024-11-19"],
  ["auchan optique", "blf-auchan-optique-2026-06-16"],
  ["darty 2026", "blf-darty-2026-02-09"],
  ["kiabi 2025", "blf-kiabi-2025-01-14"],
  ["harvest avril 2025", "blf-harvest-2025-04-11"],
  ["pajemploi novembre 2025", "blf-pajemploi-2025-11-17"],
  ["cultura 2018", null],
  ["boulanger 2 millions", "hibp-boulanger"],
  ["via inbenta", "ticketmaster-inbenta-2018"],
  ["through inbenta", "ticketmaster-inbenta-2018"],
  ["prestataire sirius", "sirius-ticketing-2024"],
  ["sous-traitant almerys", "blf-mutuelle-entrain-2026-06-11"],
  ["fournisseur almerys", "blf-mutuelle-entrain-2026-06-11"],
  ["via almerys en 2026", "blf-mutuelle-entrain-2026-06-11"],
  ["mutuelles via almerys", "blf-mutuelle-entrain-2026-06-11"],
  ["leaks through a vendor", "hibp-advanceautoparts"],
  ["fuites chez un sous-traitant", "hibp-advanceautoparts"],
  ["ticketmaster via chatbot", "ticketmaster-inbenta-2018"],
  ["chatbot ticketmaster", "ticketmaster-inbenta-2018"],
  ["quartz sirius", "sirius-ticketing-2024"],
  ["l'améthyste", "sirius-ticketing-2024"],
  ["amethyste", "sirius-ticketing-2024"],
  ["metropole aix marseille", "metropole-aix-marseille-provence-2020"],
  ["aix-marseille-provence 2020", "metropole-aix-marseille-provence-2020"],
  ["metropole de dijon", "metropoles-nantes-angers-dijon-2024"],
  ["angers 2024", "metropoles-nantes-angers-dijon-2024"],
  ["nantes septembre 2024", "metropoles-nantes-angers-dijon-2024"],
  ["fuites en septembre 2024", "hibp-internetarchive"],
  ["breaches in september 2024 in france", "hibp-boulanger"],
  ["fuites de juin 2024", "hibp-advanceautoparts"],
  ["june 2024 breaches", "hibp-advanceautoparts"],
  ["between april and june 2014", "hibp-bitly"],
  ["d'avril à juin 2014", "hibp-bitly"],
  ["en février 2014", "hibp-couponmomandarmorgames"],
  ["in february 2014", "hibp-couponmomandarmorgames"],
  ["february 2014 france", "orange-2014-02"],
  ["fuites de 2014", "hibp-rambler"],
  ["breaches in 2018 in the uk", "ticketmaster-inbenta-2018"],
  ["ticketmaster juin 2018", "ticketmaster-inbenta-2018"],
  ["met opera 2022", "met-opera-2022"],
  ["metropolitan opera 2023", "met-opera-2022"],
  ["met opera attack", "met-opera-2022-12-attack"],
  ["met opera cyberattaque", "met-opera-2022-12-attack"],
  ["attaque met opera décembre 2022", "met-opera-2022-12-attack"],
  ["metropolitan opera data breach", "met-opera-2022"],
  ["attacks in france", "metropoles-nantes-angers-dijon-2024"],
  ["fuites de numéros de sécurité sociale en France", "blf-idmerit-2026-02-19"],
  ["social security numbers in france", "blf-idmerit-2026-02-19"],
  ["NIR en France", "blf-idmerit-2026-02-19"],
  ["mots de passe chez orange", null],
  ["passwords at linkedin", "hibp-linkedin"],
  ["iban en France", "hibp-freemobile"],
  ["IBAN 2025", "hibp-bouyguestelecom"],
  ["coordonnées bancaires", "blf-ticketmaster-2024-04-28"],
  ["rib", "hibp-freemobile"],
  ["cartes bancaires", "hibp-genesismarket"],
  ["numéros de carte bancaire", "hibp-genesismarket"],
  ["payment data 2024", "blf-ticketmaster-2024-04-28"],
  ["bank details", "blf-ticketmaster-2024-04-28"],
  ["données de paiement", "blf-ticketmaster-2024-04-28"],
  ["dates de naissance en 2025", "hibp-underarmour"],
  ["adresses e-mail en France", "blf-idmerit-2026-02-19"],
  ["emails 2024 france", "blf-france-travail-2024-03-08"],
  ["phone numbers 2025", "hibp-suno"],
  ["numéros de téléphone chez sfr", "blf-sfr-2024-11-24"],
  ["données de santé", "hhs-change-healthcare-inc-2024-07-19"],
  ["health data 2024", "hhs-change-healthcare-inc-2024-07-19"],
  ["mutuelle", "blf-mutuelle-entrain-2026-06-11"],
  ["fuites de mutuelles en 2026", "blf-mutuelle-entrain-2026-06-11"],
  ["plus de 10 millions en France", "blf-idmerit-2026-02-19"],
  ["over 100 million", "blf-idmerit-2026-02-19"],
  ["at least 1 million in 2024", "blf-ticketmaster-2024-04-28"],
  ["more than 500000 french", "blf-idmerit-2026-02-19"],
  ["les plus grosses fuites françaises", "blf-idmerit-2026-02-19"],
  ["biggest uk breaches", "ticketmaster-inbenta-2018"],
  ["latest french breaches", "blf-cnam-2026-10-07"],
  ["les dernières fuites", "blf-cnam-2026-10-07"],
  ["fuites récentes en France", "blf-cnam-2026-10-07"],
  ["zzzz", null],
  ["qxqxqx breach", null],
  ["ticketmaster zzqxv", null],
  ["orange zzqxv", null],
  ["france qqqqqq", null],
  ["rwxyz", null],
  ["mqpz", null],
  ["wxcvbn", null],
  ["hjklm", null],
  ["uiopq", null],
  ["linkedin", "hibp-linkedin"],
  ["dropbox", "hibp-dropbox"],
  ["twitter", "hibp-twitter"],
  ["facebook", "hibp-facebook"],
  ["yahoo", "hibp-yahoo"],
  ["premera", "hhs-premera-blue-cross-2015-03-17"],
  ["meta", "hibp-facebook"],
  ["caf", "blf-caisse-d-allocations-familiales-2026-02-25"],
  ["free", "blf-free-2024-10-25"],
  ["la poste", "blf-la-poste-2025-03-04"],
  ["free mobile", "hibp-freemobile"],
  ["harvest", "blf-harvest-2025-04-11"],
  ["x", "hibp-twitter"],
];

describe('GIVEN the relevance table over the bundled catalog', () => {
  it('THEN it holds at least 150 questions, in both languages, and some that must find nothing', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(150);
    expect(TABLE.filter(([, id]) => id === null).length).toBeGreaterThanOrEqual(15);
  });

  it.each(TABLE)('THEN "%s" puts %s first', (question, expected) => {
    expect(first(core.execute({ command: 'search', query: question }))).toBe(expected);
  });
});

describe("GIVEN the issue's examples", () => {
  const search = (query: string, pageSize = 100) => core.execute({ command: 'search', query, pageSize });
  const results = (query: string) => {
    const a = search(query);
    if (a.kind !== 'results') throw new Error(`${query}: ${a.kind}`);
    return a;
  };

  it('THEN words of the question are not read as names', () => {
    expect(results('breaches via a chatbot vendor').matches.map((m) => m.incident.id)).toEqual(['ticketmaster-inbenta-2018']);
    expect(results('fuites via un prestataire en 2024').matches.every((m) => m.incident.vendors.length > 0)).toBe(true);
    expect(results('chatbot').matches.some((m) => m.incident.organization.name.includes('Chatou'))).toBe(false);
    const people = results('plus de 100 000 personnes en 2025');
    expect(people.total).toBe(results('plus de 100 000 en 2025').total);
    expect(first(search('combien de personnes touchées chez orange'))).toBe('orange-2014-04');
    expect(parseCommandText('aide')).toEqual({ command: 'help' });
  });

  it('THEN what the question says is applied: months, counts, country adjectives, data synonyms, former names', () => {
    expect(first(search('orange février 2014'))).toBe('orange-2014-02');
    expect(first(search('orange 800000 clients'))).toBe('orange-2014-02');
    for (const q of ['french breaches', 'biggest french breaches']) {
      const a = results(q);
      expect(a.query?.filters.countries).toEqual(['FR']);
      expect(a.total).toBeLessThan(core.size / 2);
    }
    expect(results('données bancaires en France depuis 2025').total).toBeGreaterThan(20);
    expect(results('pole emploi').matches[0]!.incident.organization.name).toBe('France Travail');
  });

  it('THEN matches that should never be shown are not', () => {
    expect(search('zzqxv wqplk').kind).toBe('no-results');
    expect(results('fuite données élus').matches.map((m) => m.incident.organization.name)).not.toContain('Health Plus Amerigroup');
    expect(results('brest').matches.map((m) => m.incident.organization.name)).not.toContain('Best Western');
    expect(search('@everyone')).toMatchObject({ kind: 'error', code: 'empty-query' });
    const retraite = results('assurance retraite');
    expect(retraite.total).toBeLessThan(5);
    expect(retraite.matches[0]!.incident.organization.name).toBe('Assurance retraite');
  });

  it('THEN ranking puts the biggest first for a bare name, and the kind asked for first', () => {
    expect(first(search('france travail'))).toBe('blf-france-travail-2024-03-08');
    expect(first(search('met opera december 2022 attack'))).toBe('met-opera-2022-12-attack');
    expect(results('les mutuelles piratées via almerys').total).toBe(18);
  });

  it('THEN when no incident holds every word, the answer says so and lists those holding the most', () => {
    const a = results('ticketmaster metropole');
    expect(a.partial).toEqual({ terms: ['ticketmaster', 'metropole'], matched: 1 });
    expect(results('ticketmaster inbenta').partial).toBeUndefined();
  });
});
