/**
 * The incident record, validated with zod at every boundary where one enters the bot (curated
 * files, imported snapshots). See ../shared/DESIGN.md, "The incident record".
 *
 * Dates are partial ISO dates whose length is their precision: "2022" (year), "2022-09"
 * (month), "2022-09-14" (day). A fact the sources do not state is left unset and its path
 * listed in `unstated`; a fact established from public record or from an article's own clues
 * rather than printed in it is listed, with how, in `established`.
 */
import * as z from 'zod';
import { DATA_CLASSES, isDataClassName } from './data-classes.js';
import { comparePartialDates, isValidPartialDate } from './partial-date.js';
import { plainNumber } from './locale-format.js';

/**
 * Caps on every text field and list, so one record cannot make the bot tokenize and hold 50 MB
 * of summary: generous against the bundled catalog (longest summary about 4,000 characters,
 * longest name 150, 400 affected venues), and named in the refusal.
 */
export const TEXT_LIMITS = Object.freeze({
  /** Names, aliases, ids, labels, codes. */
  name: 300,
  /** Titles, causes, responses, notes, source titles. */
  short: 2_000,
  /** Summaries. */
  long: 20_000,
  /** URLs. */
  url: 2_048,
  /** Entries in any one list (aliases, sources, affected organizations...). */
  list: 2_000,
});

const tooLong = (max: number) => ({ message: `must be at most ${plainNumber(max, 'en')} characters`, abort: true });
/** A string no longer than `max`; checked first, so no pattern or message ever sees a longer one. */
const bounded = (max: number) => z.string().max(max, tooLong(max));
const text = (max: number) => bounded(max).trim().min(1, 'must not be empty');
const nonEmpty = text(TEXT_LIMITS.name);
const shortText = text(TEXT_LIMITS.short);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(TEXT_LIMITS.list, `must list at most ${plainNumber(TEXT_LIMITS.list, 'en')} entries`);

export const PartialDateSchema = z
  .string()
  .max(10, { message: 'must be a real date written YYYY, YYYY-MM or YYYY-MM-DD', abort: true })
  .refine(isValidPartialDate, { message: 'must be a real date written YYYY, YYYY-MM or YYYY-MM-DD' });

/** Text in English, with its French when known (curated records carry both). */
const localized = (max: number) => z.strictObject({ en: text(max), fr: text(max).optional() });
export const LocalizedTextSchema = localized(TEXT_LIMITS.short);
/** A summary: the one long text of a record. */
export const SummarySchema = localized(TEXT_LIMITS.long);

export const RecordCountSchema = z.strictObject({
  count: z.number().int('must be a whole number').nonnegative('must not be negative'),
  /** "exact": the figure given; "approximate": "about", "environ", "quelque"; "at-least": "at least", "plus de", "au moins". */
  qualifier: z.enum(['exact', 'approximate', 'at-least', 'at-most']),
  /** Whose records: customers, staff, elected officials... */
  who: LocalizedTextSchema.optional(),
});

/**
 * A figure as one source gives it. When the sources merged into one incident disagree
 * (bonjourlafuite.eu.org counts 6.4 million Bouygues Telecom customers, Have I Been Pwned 5.7
 * million unique e-mail addresses), each figure is kept with who gives it; none is dropped.
 */
export const SourcedCountSchema = RecordCountSchema.extend({
  /** Who gives the figure: a publisher or feed name ("Have I Been Pwned", "bonjourlafuite.eu.org"). */
  by: nonEmpty,
});

export const OrganizationSchema = z.strictObject({
  name: nonEmpty,
  aliases: list(nonEmpty).default([]),
  domains: list(bounded(TEXT_LIMITS.name).regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name such as example.com')).default([]),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR or US').optional(),
  region: nonEmpty.optional(),
  city: nonEmpty.optional(),
  sector: nonEmpty.optional(),
});

export const VendorSchema = z.strictObject({
  name: nonEmpty,
  aliases: list(nonEmpty).default([]),
  role: LocalizedTextSchema,
});

export const AffectedOrganizationSchema = z.strictObject({
  name: nonEmpty,
  aliases: list(nonEmpty).default([]),
  /** Its own domains, so a channel watching one hears of the incidents that hit it through another's breach. */
  domains: list(bounded(TEXT_LIMITS.name).regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name such as example.com')).optional(),
  city: nonEmpty.optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR').optional(),
  records: RecordCountSchema.optional(),
});

export const ResponseSchema = z.strictObject({
  type: z.enum([
    'notification',
    'complaint',
    'class-action',
    'password-reset',
    'monitoring-offered',
    'authorities-notified',
    'service-disabled',
    'remediation',
    'advice',
  ]),
  date: PartialDateSchema.optional(),
  text: LocalizedTextSchema,
});

/**
 * What a source is when it is a feed's own page rather than an article with a headline: the bot
 * words its title in the reader's language from this and `subject` (importers store the fact,
 * not a title in one language). "feed-entry": the feed's page for this breach (HIBP's breach
 * page, the French list's entry); "screenshot": a screenshot the feed keeps as its evidence;
 * "breach-report": a report filed with an authority (HHS OCR); "disclosure": the organization's
 * own announcement.
 */
export const SOURCE_KINDS = ['feed-entry', 'screenshot', 'breach-report', 'disclosure'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SourceSchema = z
  .strictObject({
    publisher: nonEmpty.optional(),
    /** The headline as printed; absent when `kind` says what the source is. */
    title: shortText.optional(),
    kind: z.enum(SOURCE_KINDS).optional(),
    /** What a `kind` source is about: the breach or organization name ("Bouygues Telecom"). */
    subject: nonEmpty.optional(),
    date: PartialDateSchema.optional(),
    language: z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as fr or en'),
    url: bounded(TEXT_LIMITS.url).pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })).optional(),
    /** Where the text came from when there is no URL (e.g. the seed article's file name). */
    reference: nonEmpty.optional(),
    /** Attribution a licence requires, shown with the answer. */
    attribution: shortText.optional(),
    license: nonEmpty.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.title === undefined && (s.kind === undefined || s.subject === undefined)) ctx.addIssue({ code: 'custom', path: ['title'], message: 'a source needs its title, or a kind and a subject' });
  });

export const DataClassNameSchema = bounded(TEXT_LIMITS.name).superRefine((name, ctx) => {
  if (!isDataClassName(name)) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown data class "${name}" (use one of the canonical names in src/core/data-classes.ts, e.g. ${DATA_CLASSES.slice(0, 4)
        .map((c) => `"${c.name}"`)
        .join(', ')}; put anything else in otherDataClasses)`,
    });
  }
});

/**
 * How an importer read a fact, as a code the wording layer words in each language (importers
 * store facts, not sentences): "people-in-france-list": the French list only lists leaks that hit
 * people in France; "classes-from-description" / "flags-from-description": read from the feed's
 * description, its index having none; "named-in-description": a vendor named in the feed's
 * description (`name`), the sentence kept in `quote`.
 */
export const READINGS = ['people-in-france-list', 'classes-from-description', 'flags-from-description', 'named-in-description'] as const;

export const EstablishedFactSchema = z
  .strictObject({
    /** Field path, e.g. "dates.disclosed" (never shown: the wording layer says what it means). */
    path: nonEmpty,
    basis: z.enum(['article-clues', 'public-record', 'source-description']),
    /** How, in words: English and French (a French answer never shows the English). */
    note: z.strictObject({ en: shortText, fr: shortText }).optional(),
    /** How, as a code an importer writes (see `READINGS`). */
    reading: z.enum(READINGS).optional(),
    /** What the reading found (the vendor's name). */
    name: nonEmpty.optional(),
    /** The source's own words it was read from, verbatim, with their language. */
    quote: z.strictObject({ text: shortText, language: z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as fr or en') }).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.note === undefined && f.reading === undefined) ctx.addIssue({ code: 'custom', path: ['note'], message: 'says how the fact was established: a note { en, fr } or an importer reading' });
  });

export const FlagsSchema = z.strictObject({
  fabricated: z.boolean().optional(),
  sensitive: z.boolean().optional(),
  spamList: z.boolean().optional(),
  malware: z.boolean().optional(),
  retired: z.boolean().optional(),
  stealerLog: z.boolean().optional(),
});

export const ProvenanceSchema = z.strictObject({
  /** "curated" for reviewed files under data/incidents/, else the importer's source name. */
  source: nonEmpty,
  sourceId: nonEmpty.optional(),
  /** Who the record's own facts come from, by name ("Have I Been Pwned"): how a merged incident says who gives which figure. */
  publisher: nonEmpty.optional(),
  attribution: shortText.optional(),
  license: nonEmpty.optional(),
});

export const IncidentSchema = z
  .strictObject({
    id: bounded(TEXT_LIMITS.name).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as orange-2014-04'),
    /** "breach": data was taken or exposed; "attack": a cyberattack the sources report without a data theft. */
    kind: z.enum(['breach', 'attack']).default('breach'),
    title: LocalizedTextSchema,
    organization: OrganizationSchema,
    vendors: list(VendorSchema).default([]),
    affected: list(AffectedOrganizationSchema).default([]),
    /** How many organizations in all were hit, when the sources count more than they name. */
    affectedCount: RecordCountSchema.omit({ who: true }).optional(),
    /**
     * Where the people whose data leaked live, when a source says so and the organization is
     * elsewhere or unknown (bonjourlafuite.eu.org lists leaks that hit people in France, Discord's
     * among them): ISO 3166-1 alpha-2 codes. "Breaches in France" finds these as well.
     */
    peopleCountries: list(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR')).default([]),
    dates: z
      .strictObject({
        occurred: z.strictObject({ start: PartialDateSchema, end: PartialDateSchema.optional() }).optional(),
        discovered: PartialDateSchema.optional(),
        disclosed: PartialDateSchema.optional(),
      })
      .default({}),
    /** When this record entered the catalog (ISO date-time). What digests key on. */
    addedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2026-11-23T09:00:00Z' }),
    records: z
      .strictObject({
        total: RecordCountSchema.optional(),
        breakdown: list(RecordCountSchema).default([]),
        /** The figure each source gives, when the sources disagree (shown instead of the total, each with who gives it). */
        bySource: list(SourcedCountSchema).default([]),
      })
      .optional(),
    /**
     * What each source says, when an imported record merged into this incident says otherwise
     * (see `CatalogBuilder.merge`): the dates it gives (another day, or the same at another
     * precision) and the data classes it names. `dates` stay the incident's own (what sorting and
     * year filters read); `dataClasses` hold the union. Shown with who gives which.
     */
    bySource: z
      .strictObject({
        dates: list(z.strictObject({ by: nonEmpty, occurred: PartialDateSchema.optional(), discovered: PartialDateSchema.optional(), disclosed: PartialDateSchema.optional() })).optional(),
        dataClasses: list(z.strictObject({ by: nonEmpty, dataClasses: list(DataClassNameSchema) })).optional(),
      })
      .optional(),
    dataClasses: list(DataClassNameSchema).default([]),
    /** Data the source lists that the vocabulary has no class for, kept verbatim. */
    otherDataClasses: list(nonEmpty).default([]),
    /**
     * Data the sources say was possibly exposed, hedged ("may have been compromised", "a
     * également pu être compromis"): shown as such, never as a fact. Canonical class names. A
     * data filter finds them (the answer shows the hedge); stats count only `dataClasses`.
     */
    possiblyExposed: list(DataClassNameSchema).default([]),
    cause: LocalizedTextSchema.optional(),
    response: list(ResponseSchema).default([]),
    summary: SummarySchema,
    sources: list(SourceSchema).min(1, 'every incident cites at least one source'),
    verified: z.boolean(),
    flags: FlagsSchema.default({}),
    provenance: ProvenanceSchema.default({ source: 'curated' }),
    unstated: list(nonEmpty).default([]),
    established: list(EstablishedFactSchema).default([]),
    related: list(nonEmpty).default([]),
  })
  .superRefine((incident, ctx) => {
    const { occurred, discovered, disclosed } = incident.dates;
    const before = (a: string, b: string) => comparePartialDates(a, b) < 0;
    if (occurred?.end && before(occurred.end, occurred.start)) {
      ctx.addIssue({ code: 'custom', path: ['dates', 'occurred', 'end'], message: `ends (${occurred.end}) before it starts (${occurred.start})` });
    }
    if (occurred && discovered && before(discovered, occurred.start)) {
      ctx.addIssue({ code: 'custom', path: ['dates', 'discovered'], message: `discovered (${discovered}) before it happened (${occurred.start})` });
    }
    if (occurred && disclosed && before(disclosed, occurred.start)) {
      ctx.addIssue({ code: 'custom', path: ['dates', 'disclosed'], message: `disclosed (${disclosed}) before it happened (${occurred.start})` });
    }
    if (discovered && disclosed && before(disclosed, discovered)) {
      ctx.addIssue({ code: 'custom', path: ['dates', 'disclosed'], message: `disclosed (${disclosed}) before it was discovered (${discovered})` });
    }
    incident.possiblyExposed.forEach((name, i) => {
      if (incident.dataClasses.includes(name)) ctx.addIssue({ code: 'custom', path: ['possiblyExposed', i], message: `"${name}" is listed as exposed in dataClasses already` });
    });
    const seen = new Set<string>();
    incident.dataClasses.forEach((name, i) => {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['dataClasses', i], message: `"${name}" is listed twice` });
      seen.add(name);
    });
  });

/** An incident as written in a file (defaults not yet applied). */
export type IncidentInput = z.input<typeof IncidentSchema>;
/** A validated incident, defaults applied. */
export type Incident = z.output<typeof IncidentSchema>;
export type RecordCount = z.output<typeof RecordCountSchema>;
export type SourcedCount = z.output<typeof SourcedCountSchema>;
export type LocalizedText = z.output<typeof LocalizedTextSchema>;
export type EstablishedFact = z.output<typeof EstablishedFactSchema>;
export type Source = z.output<typeof SourceSchema>;
export type ResponseType = z.output<typeof ResponseSchema>['type'];
