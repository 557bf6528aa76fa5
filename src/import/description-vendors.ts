/**
 * The third party behind a breach, read from a feed's own description, when the description
 * names it. Have I Been Pwned writes, for instance, "Linked to unauthorised access to Snowflake
 * cloud services", "a data breach of their logistics provider, Spectos", "attributed the
 * exposure to a breach of Anodot, a third-party analytics vendor", or "data allegedly taken from
 * the company's Salesforce instance". Each such vendor becomes the incident's vendor, with the
 * sentence it was read from kept as the basis ("established from the source's description").
 *
 * Precision over recall: a handful of phrasings, each tied to a capitalized name in a fixed
 * place, checked against every bundled description (tests/import/description-vendors.test.ts
 * lists what it finds). A sentence that says the opposite ("separate from", "misattributed",
 * "did not originate") is skipped; an unnamed third party ("an unnamed third-party vendor") gives
 * nothing; the organization itself ("betting platform provider BtoBet" on BtoBet's own breach)
 * is not its own vendor; attackers ("attributed to the Syrian Electronic Army") are never read
 * as vendors, because no phrasing below is about who attacked.
 */
import { tokenize } from '../core/text-folding.js';

export interface DescribedVendor {
  readonly name: string;
  /** How the description relates it to the breach. */
  readonly role: { readonly en: string; readonly fr: string };
  /** The sentence it was read from. */
  readonly sentence: string;
}

/** A name as descriptions write one: up to three capitalized words ("Snowflake", "Data & Leads"). */
const NAME = String.raw`([A-Z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*(?: (?:&|[A-Z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*)){0,2})`;
/** Whose: the organization's own tenant of a platform. */
const OWN = String.raw`(?:(?:the )?(?:company|organisation|organization)'s|[A-Z][\w&.-]*'s|their|its)`;

const BREACHED_VENDOR = { en: 'third party whose breach exposed the data', fr: 'tiers dont la compromission a exposé les données' };
const PLATFORM = { en: 'platform the data was taken from', fr: 'plateforme d’où les données ont été extraites' };
/** The same roles when the sentence reports a claim or an allegation ("they claimed was obtained from…"). */
const ALLEGED: ReadonlyMap<DescribedVendor['role'], DescribedVendor['role']> = new Map([
  [BREACHED_VENDOR, { en: 'third party whose breach allegedly exposed the data', fr: 'tiers dont la compromission aurait exposé les données' }],
  [PLATFORM, { en: 'platform the data was allegedly taken from', fr: 'plateforme d’où les données auraient été extraites' }],
]);
const HEARSAY = /\b(?:alleged(?:ly)?|claim(?:s|ed)?|reportedly|is reported)\b/i;

interface Phrase {
  readonly re: RegExp;
  readonly role: DescribedVendor['role'];
}

const PHRASES: readonly Phrase[] = [
  // "Linked to unauthorised access to Snowflake cloud services"; "traced back to a series of attacks against the Snowflake cloud service".
  { re: new RegExp(String.raw`\b(?:[Ll]inked to|traced back to)\b[^.]{0,60}?\b(?:the )?${NAME} cloud\b`, 'g'), role: PLATFORM },
  // "a third-party provider, Accellion"; "their logistics provider, Spectos".
  { re: new RegExp(String.raw`\b(?:third[- ]party|logistics|IT|service|hosting|payment|email|analytics|cloud) (?:provider|vendor|supplier), ${NAME}`, 'g'), role: BREACHED_VENDOR },
  // "a breach of Anodot, a third-party analytics vendor".
  { re: new RegExp(String.raw`\ba (?:data )?breach of ${NAME}, a third[- ]party\b`, 'g'), role: BREACHED_VENDOR },
  // "The source of the breach was later established as being Twilio".
  { re: new RegExp(String.raw`\bsource of the breach was (?:later )?established as being ${NAME}`, 'g'), role: BREACHED_VENDOR },
  // "attributed the breach to a compromise SendGrid in an attack that targeted multiple customers".
  { re: new RegExp(String.raw`\battributed the (?:breach|incident|exposure) to a (?:compromise|breach)(?: of| at)? ${NAME} in an attack\b`, 'g'), role: BREACHED_VENDOR },
  // "the incident was attributed to the ActiveCampaign email marketing service provider".
  { re: new RegExp(String.raw`\battributed to the ${NAME} (?:[a-z]+ ){0,3}(?:service )?provider\b`, 'g'), role: BREACHED_VENDOR },
  // "the company's Salesforce instance", "its Salesforce environment", "the company's Zendesk support system", "Troy Hunt's Mailchimp account".
  { re: new RegExp(String.raw`\b${OWN} ${NAME} (?:instance|instances|environment|tenant|CRM|account|support system)\b`, 'g'), role: PLATFORM },
  // "data stored within Salesforce"; "targeted data on Salesforce".
  { re: new RegExp(String.raw`\bdata (?:stored )?(?:within|on) ${NAME}\b`, 'g'), role: PLATFORM },
  // "Attributed to a Salesforce misconfiguration".
  { re: new RegExp(String.raw`\b[Aa]ttributed to a ${NAME} misconfiguration\b`, 'g'), role: PLATFORM },
];

/** Words one of the phrasings needs: a description without any is skipped at once (most are). */
const HINT = /[Ll]inked to|traced back|provider|vendor|supplier|breach of|established as being|[Aa]ttributed|(?:'s|their|its) [A-Z]|data (?:stored )?(?:within|on) [A-Z]/;

/** Sentences that deny or set aside what they name. */
const DENIAL = /\b(?:separate from|misattributed|not related|did not originate|unrelated|ruled out|denied)\b/i;

/** Words a capitalized run may start with that are not a name. */
const NOT_NAMES = new Set(['The', 'A', 'An', 'In', 'On', 'This', 'That', 'Their', 'Its', 'It', 'They', 'HIBP']);

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z"“])/).map((s) => s.trim()).filter(Boolean);
}

const folded = (s: string) => tokenize(s).join('');

/**
 * The vendors a description names, at most one entry per name, in the order found. `own` are
 * the organization's names (name, title, domain): a vendor equal to one of them is left out.
 */
export function vendorsInDescription(text: string, own: readonly string[]): DescribedVendor[] {
  if (!HINT.test(text)) return [];
  const ownFolded = new Set(own.map(folded).filter(Boolean));
  const out = new Map<string, DescribedVendor>();
  for (const sentence of sentences(text)) {
    if (DENIAL.test(sentence)) continue;
    for (const { re, role } of PHRASES) {
      re.lastIndex = 0;
      for (const m of sentence.matchAll(re)) {
        const name = m[1]!.trim();
        if (NOT_NAMES.has(name.split(' ')[0]!)) continue;
        const key = folded(name);
        if (!key || ownFolded.has(key) || [...ownFolded].some((o) => o.length >= 4 && key.length >= 4 && (o.startsWith(key) || key.startsWith(o)))) continue;
        if (!out.has(key)) out.set(key, { name, role: HEARSAY.test(sentence) ? ALLEGED.get(role)! : role, sentence: sentence.length > 300 ? `${sentence.slice(0, 299)}…` : sentence });
      }
    }
  }
  return [...out.values()];
}
