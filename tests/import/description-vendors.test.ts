/**
 * Vendors read from Have I Been Pwned's own descriptions, over every bundled description (the
 * API file and the newer index): the exact list of what is extracted, each checked by reading the
 * sentence; the phrasings that must give nothing; the incident records them with the basis; and
 * `/breach snowflake` finds the breaches linked to Snowflake.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendorsInDescription } from '../../src/import/description-vendors.js';
import { hibpToIncidents } from '../../src/import/hibp.js';
import { htmlToText } from '../../src/import/import-text.js';
import { realCore } from '../helpers/catalog-fixtures.js';
import { HIBP_API, HIBP_INDEX } from './datasets.js';

interface Described {
  readonly name: string;
  readonly description: string;
  readonly own: string[];
}

function bundledDescriptions(): Described[] {
  const api = JSON.parse(readFileSync(HIBP_API, 'utf8')) as { Name: string; Title: string; Domain: string; Description: string }[];
  const index = JSON.parse(readFileSync(HIBP_INDEX, 'utf8')) as { dump_name: string; description?: string; info?: string }[];
  const names = new Set(api.map((b) => b.Name));
  return [
    ...api.map((b) => ({ name: b.Name, description: b.Description, own: [b.Name, b.Title, b.Domain].filter(Boolean) })),
    ...index.filter((b) => !names.has(b.dump_name)).map((b) => ({ name: b.dump_name, description: b.description ?? b.info ?? '', own: [b.dump_name] })),
  ];
}

const VENDOR = 'third party whose breach exposed the data';
const PLATFORM = 'platform the data was taken from';
const PLATFORM_ALLEGED = 'platform the data was allegedly taken from';

describe('GIVEN every bundled HIBP description (875 in the API file, 149 more in the index)', () => {
  const all = bundledDescriptions();

  it('THEN exactly these 22 breaches name the third party behind them, each as the sentence says', () => {
    expect(all).toHaveLength(1024);
    const found = all.flatMap((b) => vendorsInDescription(htmlToText(b.description), b.own).map((v) => [b.name, v.name, v.role.en]));
    expect(found).toEqual([
      ['AdvanceAutoParts', 'Snowflake', PLATFORM], // "Linked to unauthorised access to Snowflake cloud services"
      ['CoinTracker', 'SendGrid', VENDOR], // "attributed the breach to a compromise SendGrid in an attack that targeted multiple customers of the email provider"
      ['Gemini', 'Twilio', VENDOR], // "The source of the breach was later established as being Twilio"
      ['NeimanMarcus', 'Snowflake', PLATFORM], // "traced back to a series of attacks against the Snowflake cloud service"
      ['Ticketek', 'Snowflake', PLATFORM], // "later linked to a series of breaches of the Snowflake cloud storage service"
      ['UC', 'Accellion', VENDOR], // "a vulnerability in in a third-party provider, Accellion"
      ['Abrigo', 'Salesforce', PLATFORM_ALLEGED], // "data allegedly taken from the company's Salesforce instance" (the earlier Drift incident, "separate from" this one, is not read)
      ['AllianzLife', 'Salesforce', PLATFORM], // "a social engineering technique which targeted data on Salesforce"
      ['Aman', 'Salesforce', PLATFORM_ALLEGED], // "the data allegedly obtained from their Salesforce CRM"
      ['Ameriprise', 'Salesforce', PLATFORM_ALLEGED], // "The group claimed ... exfiltrated from Ameriprise's Salesforce environment"
      ['Berkadia', 'Salesforce', PLATFORM_ALLEGED], // "data they alleged was taken from Berkadia's Salesforce instance"
      ['Crunchyroll', 'Zendesk', PLATFORM_ALLEGED], // "is reported to have originated from the company's Zendesk support system"
      ['GooseCreek', 'Shopify', PLATFORM], // "obtained from the company's Shopify instance"
      ['Hallmark', 'Salesforce', PLATFORM_ALLEGED], // "an alleged breach ... access to data stored within Salesforce"
      ['Kemper', 'Salesforce', PLATFORM_ALLEGED], // "The attackers allegedly accessed Kemper's Salesforce environment"
      ['McGrawHill', 'Salesforce', PLATFORM], // "Attributed to a Salesforce misconfiguration"
      ['RalphLauren', 'Salesforce', PLATFORM_ALLEGED], // "data they claimed was obtained from the organisation's Salesforce instance"
      ['SamsungGermany', 'Spectos', VENDOR], // "a data breach of their logistics provider, Spectos"
      ['TroyHuntMailchimpList', 'Mailchimp', PLATFORM], // "gained access to Troy Hunt's Mailchimp account"
      ['VietnamAirlines', 'Salesforce', PLATFORM], // "following a breach of its Salesforce environment"
      ['Vimeo', 'Anodot', VENDOR], // "a breach of Anodot, a third-party analytics vendor"
      ['Vultr', 'ActiveCampaign', VENDOR], // "attributed to the ActiveCampaign email marketing service provider"
    ]);
  });

  it.each([
    ['an unnamed vendor', 'DoorDash attributed the breach to an unnamed "third-party vendor" they stated was the victim of a phishing campaign.', ['DoorDash']],
    ['an attacker', 'The attack was attributed to the Syrian Electronic Army, allegedly as retribution.', ['Forbes']],
    ['an incident set aside', "Whilst separate from Abrigo's Salesforce compromise via the Drift application connector the previous year, the data fields are consistent.", ['Abrigo']],
    ['a habit of a group, not this breach', "The group typically compromises organisations' Salesforce instances before demanding a ransom.", ['Amtrak']],
    ['the organization itself', 'Further investigation implicated betting platform provider BtoBet, a third-party provider, BtoBet as being the common source.', ['BtoBet']],
    ['a claim of several platforms', 'The group claimed the data had been exfiltrated from platforms including Snowflake, Mixpanel and Salesforce.', ['ZenBusiness']],
  ])('THEN a description naming %s gives no vendor', (_what, text, own) => {
    expect(vendorsInDescription(text, own)).toEqual([]);
  });
});

describe('GIVEN the HIBP importer', () => {
  it('THEN the vendor is recorded with its role and the sentence as basis, and the importer counts them', () => {
    const advance = JSON.parse(readFileSync(HIBP_API, 'utf8')).filter((b: { Name: string }) => ['AdvanceAutoParts', 'LinkedIn'].includes(b.Name));
    const result = hibpToIncidents(advance, { now: new Date('2026-11-01T00:00:00Z') });
    const incident = result.incidents.find((i) => i.id === 'hibp-advanceautoparts')!;
    expect(incident.vendors).toEqual([{ name: 'Snowflake', aliases: [], role: { en: PLATFORM, fr: 'plateforme d’où les données ont été extraites' } }]);
    // The fact and the source's own words, in their language: the wording layer frames them in the reader's.
    expect(incident.established).toContainEqual({
      path: 'vendors',
      basis: 'source-description',
      reading: 'named-in-description',
      name: 'Snowflake',
      quote: { text: expect.stringMatching(/^Linked to unauthorised access to Snowflake cloud services, /), language: 'en' },
    });
    expect(result.incidents.find((i) => i.id === 'hibp-linkedin')!.vendors).toBeUndefined();
    expect(result.describedVendors).toEqual(new Map([['Snowflake', 1]]));
  });

  it('THEN /breach snowflake lists the breaches linked to Snowflake first in the bundled catalog', () => {
    const core = realCore();
    const linked = core.catalog.incidents.filter((i) => i.vendors.some((v) => v.name === 'Snowflake')).map((i) => i.id);
    // Ticketek is retired by HIBP, kept and flagged in the bundle.
    expect(linked.sort()).toEqual(['hibp-advanceautoparts', 'hibp-neimanmarcus', 'hibp-ticketek']);
    const answer = core.execute({ command: 'search', query: 'snowflake', pageSize: 20 });
    if (answer.kind !== 'results') throw new Error(`expected results, got ${answer.kind}`);
    // Named as the vendor, they come before descriptions that merely mention Snowflake (ZenBusiness).
    expect(answer.matches.slice(0, linked.length).map((m) => m.incident.id).sort()).toEqual([...linked].sort());
  }, 120_000);
});
