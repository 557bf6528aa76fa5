/**
 * Everything the bot says beside incident answers — digests, watch alerts, digest and watch
 * replies, a channel's language, usage errors, help — in every kind the features answer, in
 * English and French, on the terminal, Slack and Discord: no English label in French (nor French
 * in English), no French punctuation without its narrow no-break space outside code, no field
 * path, and each platform's own spelling of the commands (no Discord option syntax in Slack, no
 * `/breach watch` in Discord). The checks are first shown to catch each slip.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMANDS_BY_NAME } from '../../commands/index.js';
import type { CommandDefinition, CommandRequest } from '../../commands/command-definition.js';
import type { Answer, MessageAnswer } from '../../src/core/answer.js';
import type { ChannelStatus, FeatureOutcome, SubscriptionFacts, UsageProblem } from '../../src/core/feature-outcome.js';
import type { Lang } from '../../src/core/lang.js';
import { parseQuery } from '../../src/core/query-parser.js';
import { answerToDiscordMessage, discordUsage, usageToDiscordMessage } from '../../src/discord/answer-to-message.js';
import { renderText } from '../../src/render/text-renderer.js';
import { phraseText } from '../../src/render/phrase.js';
import { usageLine, usageProblemWords } from '../../src/render/usage-words.js';
import { answerToBlocks, usageToBlocks } from '../../src/slack/answer-blocks.js';
import { realCore } from '../helpers/catalog-fixtures.js';
import { dataStrings, unmarked, visibleText, wordingViolations, type Violation } from '../helpers/wording-checks.js';

const core = realCore();
const incidents = ['orange-2014-04', 'ticketmaster-inbenta-2018', 'hibp-freemobile'].map((id) => core.incident(id)!);
const WATCHED = ['Inbenta', 'Orange Cyberdefense'];
const REVISION = { incidentId: 'ticketmaster-inbenta-2018', name: 'Ticketmaster', change: { count: { from: 40_000, to: 45_000 }, newSources: ['Le Monde'], newAffected: ['Acme Assurances'] } };

const subscription = (over: Partial<SubscriptionFacts> = {}): SubscriptionFacts => ({ cron: '30 8 * * *', timeZone: 'Europe/Paris', language: 'fr', postEmpty: false, active: true, createdAt: '2026-11-20T07:00:00Z', lastRunAt: '2026-12-01T07:30:00Z', ...over });
const parsed = parseQuery('data:passwords country:FR orange');
if (!parsed.ok) throw new Error('the filters should read');
const filters = parsed.query;
const status = (over: Partial<ChannelStatus> = {}): ChannelStatus => ({ subscription: subscription(), filters, nextRun: '2026-12-02T07:30:00Z', delivered: 12, watches: WATCHED, pending: { breaches: 2, attacks: 1, updated: 1 }, updates: true, stateProblems: [], ...over });

/** Every kind of feature outcome, with the facts readers see in them. */
const OUTCOMES: readonly [FeatureOutcome, readonly typeof incidents[number][]][] = [
  [{ kind: 'digest', since: '2026-12-01T07:30:00Z', timeZone: 'Europe/Paris', filters }, incidents],
  [{ kind: 'digest', since: '2026-12-01T07:30:00Z', timeZone: 'Europe/Paris' }, []],
  [{ kind: 'watch-alert', names: WATCHED, clients: [{ vendor: 'Inbenta', client: 'Ticketmaster' }] }, incidents.slice(1, 2)],
  [{ kind: 'watch-alert', names: WATCHED, clients: [] }, incidents],
  ...(['digest', 'watch', 'language'] as const).map((what): [FeatureOutcome, []] => [{ kind: 'refused', what }, []]),
  [{ kind: 'bad-filters', error: { kind: 'error', code: 'bad-filter', detail: 'data:unicorns', filter: 'data' } }, []],
  [{ kind: 'invalid-schedule', cron: '61 25 * * *' }, []],
  [{ kind: 'subscribed', updated: false, subscription: subscription(), filters, nextRun: '2026-12-02T07:30:00Z' }, []],
  [{ kind: 'subscribed', updated: true, subscription: subscription({ postEmpty: true, cron: '0 9 * * 1' }) }, []],
  [{ kind: 'unsubscribed', removed: true }, []],
  [{ kind: 'unsubscribed', removed: false }, []],
  [{ kind: 'digest-status', status: status({ stateProblems: ['missing', 'unreachable'] }) }, []],
  [{ kind: 'digest-status', status: status({ subscription: undefined, watches: [] }) }, []],
  [{ kind: 'channel-status', status: status() }, []],
  // The last failure of each kind (issue 13: the status said it in English in a French channel).
  [{ kind: 'digest-status', status: status({ subscription: subscription({ lastFailure: { kind: 'refused', detail: 'HTTP 503', tries: 3 } }) }) }, []],
  [{ kind: 'digest-status', status: status({ subscription: subscription({ lastFailure: { kind: 'refused', detail: 'ratelimited', tries: 1 } }) }) }, []],
  [{ kind: 'digest-status', status: status({ subscription: subscription({ lastFailure: { kind: 'filters-unreadable', filters: 'data:bogus', detail: 'unknown-data-class' } }) }) }, []],
  [{ kind: 'digest-status', status: status({ subscription: subscription({ lastFailure: { kind: 'not-recordable', detail: 'SQLITE_READONLY: attempt to write a readonly database' } }) }) }, []],
  [{ kind: 'digest-status', status: status({ subscription: subscription({ lastFailure: { kind: 'given-up', detail: 'not_in_channel' } }) }) }, []],
  [{ kind: 'channel-status', status: status({ subscription: subscription({ lastFailure: { kind: 'other', detail: 'ECONNRESET' } }) }) }, []],
  [{ kind: 'channel-status', status: status({ subscription: subscription({ active: false }), pending: undefined, watches: [] }) }, []],
  // The "updated" notes switch, and the updates the next digest holds beside its new incidents.
  [{ kind: 'channel-status', status: status({ updates: false, pending: { breaches: 0, attacks: 0, updated: 2 } }) }, []],
  [{ kind: 'digest-status', status: status({ updates: false, pending: { breaches: 1, attacks: 0, updated: 0 } }) }, []],
  [{ kind: 'channel-status', status: status({ subscription: undefined, pending: undefined, updates: false }) }, []],
  [{ kind: 'nothing-to-preview' }, []],
  [{ kind: 'preview', nextRun: '2026-12-02T07:30:00Z', timeZone: 'Europe/Paris', digest: { kind: 'digest', since: '2026-12-01T07:30:00Z', timeZone: 'Europe/Paris' } }, incidents],
  [{ kind: 'preview', timeZone: 'Europe/Paris' }, []],
  [{ kind: 'watch-added', name: 'Inbenta', added: true, alreadyNamed: 3 }, []],
  [{ kind: 'watch-added', name: 'Inbenta', added: false, alreadyNamed: 0 }, []],
  [{ kind: 'watch-removed', name: 'Inbenta', removed: true }, []],
  [{ kind: 'watch-removed', name: 'Inbenta', removed: false }, []],
  [{ kind: 'watch-full', max: 50 }, []],
  [{ kind: 'watch-list', names: WATCHED }, []],
  [{ kind: 'watch-list', names: [] }, []],
  [{ kind: 'language-shown', lang: 'fr' }, []],
  [{ kind: 'language-shown' }, []],
  [{ kind: 'language-set', lang: 'en' }, []],
  [{ kind: 'language-set', lang: null }, []],
  [{ kind: 'update-note', revisions: [REVISION] }, []],
  [{ kind: 'update-note', revisions: [REVISION, { incidentId: 'orange-2014-04', name: 'Orange', change: { count: { from: null, to: 1_300_000 }, newSources: [], newAffected: [] } }] }, []],
  [{ kind: 'digest', since: '2026-12-01T07:30:00Z', timeZone: 'Europe/Paris', revisions: [REVISION] }, incidents.slice(0, 1)],
  [{ kind: 'digest', since: '2026-12-01T07:30:00Z', timeZone: 'Europe/Paris', revisions: [REVISION] }, []],
  [{ kind: 'updates-shown', on: true }, []],
  [{ kind: 'updates-shown', on: false }, []],
  [{ kind: 'updates-set', on: true }, []],
  [{ kind: 'updates-set', on: false }, []],
  [{ kind: 'refused', what: 'updates' }, []],
];

const PROBLEMS: readonly [string, UsageProblem][] = [
  ['watch', { kind: 'unknown-action', word: 'frobnicate' }],
  ['watch', { kind: 'watch-name-missing', action: 'add' }],
  ['watch', { kind: 'watch-name-too-long', max: 100 }],
  ['digest', { kind: 'bad-time', text: '25:00' }],
  ['digest', { kind: 'bad-time-zone', text: 'Europe/Atlantis' }],
  ['lang', { kind: 'not-a-language', text: 'klingon' }],
  ['updates', { kind: 'not-on-off', text: 'sometimes' }],
];

/**
 * Search answers with a note on how the question was read: too broad (only words every incident
 * answers to), read with a typo (short and long words, alone, with the "closest" lead, on a page
 * past the end), in the language asked.
 */
const NOTED_QUERIES = [
  ['breach', 1],
  ['fuite de données', 1],
  ['data breach', 999],
  ['sirus', 1],
  ['ticket mastr', 1],
  ['ornage 2014', 1],
  ['ornage chatbot', 1],
] as const;
const NOTED: readonly Answer[] = NOTED_QUERIES.map(([query, page]) => core.execute({ command: 'search', query, page }));

type Platform = 'terminal' | 'slack' | 'discord';
const RENDER: Record<Platform, (a: Answer, lang: Lang) => string> = {
  terminal: (a, l) => renderText(a, l),
  slack: (a, l) => unmarked(visibleText(answerToBlocks(a, l, { surface: 'channel' }))),
  discord: (a, l) => unmarked(visibleText(answerToDiscordMessage(a, l))),
};
const USAGE: Record<Platform, (def: CommandDefinition<CommandRequest>, problem: UsageProblem, lang: Lang) => string> = {
  // The terminal chat's: the usage line, then what was wrong.
  terminal: (def, p, l) => `${usageLine(def.usage, l)}\n${phraseText(usageProblemWords(p, l))}`,
  slack: (def, p, l) => unmarked(visibleText(usageToBlocks(def.usage, l, { problem: p, examples: def.examples, withHelp: false }))),
  discord: (def, p, l) => unmarked(visibleText(usageToDiscordMessage(def, l, p))),
};

/** Commands spelled for another platform than the one rendering. */
function platformSlips(text: string, platform: Platform): Violation[] {
  const codeSpans = [...text.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
  const spans = codeSpans.length ? codeSpans : [text];
  const out: Violation[] = [];
  for (const span of spans) {
    if (platform !== 'discord' && /\/(?:breach|fuite)-[a-z]+|\b(?:name|nom|id|heure|time|fuseau|timezone|filtres|filters|language|langue):/.test(span) && !/\b(?:data|country|year|vendor|min|sort|empty):/.test(span.replace(/\b(?:name|nom|id):.*/, ''))) out.push({ rule: 'Discord spelling', excerpt: span });
    if (platform === 'discord' && /\/breach (?:show|status|digest|watch|lang|langue)\b/.test(span)) out.push({ rule: 'text spelling in Discord', excerpt: span });
  }
  return out;
}

/**
 * The words of a usage or help line's placeholders, lower-cased: `<name>`, `[filters]`, Discord's
 * `query:…`, and in commands shown as code Discord's empty options (`time: timezone:`).
 */
function placeholderWords(text: string): string[] {
  const found = [...text.matchAll(/<([^<>\n]{1,40})>|\[([^[\]\n]{1,40})\]|(?<![\p{L}-])(\p{L}+):…/gu)].map((m) => m[1] ?? m[2] ?? m[3]!);
  for (const [, span] of text.matchAll(/`([^`]*)`/g)) found.push(...[...span!.matchAll(/(?<![\p{L}-])(\p{L}+):(?=\s|$)/gu)].map((m) => m[1]!));
  return found.flatMap((p) => p.toLowerCase().split(/[^\p{L}]+/u)).filter(Boolean);
}
/** Placeholder words both languages write alike, or values typed as they are (the only words both sets below may share). */
const SHARED_PLACEHOLDERS = new Set(['hh', 'mm', 'page', 'id', 'fr', 'en', 'auto', 'on', 'off']);
/** Every placeholder word a language's usage lines use (text and Discord, every command), less the shared ones. */
const placeholdersOf = (lang: Lang) => new Set(COMMANDS.flatMap((c) => [...placeholderWords(c.usage[lang]), ...placeholderWords(discordUsage(c, lang))]).filter((w) => !SHARED_PLACEHOLDERS.has(w)));
const PLACEHOLDERS: Record<Lang, ReadonlySet<string>> = { en: placeholdersOf('en'), fr: placeholdersOf('fr') };

const FEATURE_ENGLISH = /\b(Updated|Updates to|count revised|new source|Watchlist|Subscribed|Unsubscribed|Breach digest|Details of any|Not subscribed|Preview|Warning|Next digest|Last digest|When nothing is new|Only channel admins|Done|Last failure|tries|refused it|given up|can no longer be read|updated incidents?|stops them|to get them|names no|latest incidents|narrow it|as typed|did you mean|Nothing holds)\b/;
const FEATURE_FRENCH = /\b(Mise à jour|Mis à jour|nombre révisé|nouvelle source|Résumé des fuites|Alerte de veille|Liste de veille|Abonné|Désabonné|Aperçu|Attention|Prochain résumé|Seuls les admins|C'est fait|Le détail de chacun|Dernier échec|essais|l’a refusé|abandonné|ne se lisent plus|mis à jour|activées|désactivées|pour les arrêter|pour les recevoir|ne nomme ni|les plus récents|pour affiner|tel quel|vouliez-vous dire|Rien ne contient)\b/;

function judge(text: string, lang: Lang, platform: Platform, data: string[], inc = incidents): Violation[] {
  const found = [...wordingViolations(text, lang, inc, data), ...platformSlips(text, platform)];
  const own = text.replace(/`[^`]*`/g, ' ');
  const m = (lang === 'fr' ? FEATURE_ENGLISH : FEATURE_FRENCH).exec(own);
  if (m) found.push({ rule: lang === 'fr' ? 'English feature word' : 'French feature word', excerpt: own.slice(Math.max(0, m.index - 30), m.index + 40) });
  const other = PLACEHOLDERS[lang === 'fr' ? 'en' : 'fr'];
  for (const w of placeholderWords(text).filter((w) => other.has(w))) found.push({ rule: lang === 'fr' ? 'English placeholder' : 'French placeholder', excerpt: w });
  return found;
}

const DATA = [...dataStrings(incidents), ...WATCHED, 'Ticketmaster', 'data:unicorns', 'frobnicate', 'klingon', 'sometimes', 'Europe/Atlantis', 'Europe/Paris', 'Le Monde', 'Acme Assurances'];

describe('GIVEN the slips the feature messages had', () => {
  it('THEN the checks catch each of them, and leave command syntax in code alone', () => {
    const rules = (text: string, lang: Lang, platform: Platform = 'slack') => judge(text, lang, platform, DATA).map((v) => v.rule);
    expect(rules('Résumé des fuites : rien de nouveau', 'fr')).toContain('typography');
    expect(rules('Quand: tous les jours', 'fr')).toContain('typography');
    expect(rules('Mis à jour depuis le mar. 1 déc. 2026, 08:30 :', 'fr')).toContain('typography');
    expect(rules('Watchlist alert: un nouvel incident', 'fr')).toContain('English feature word');
    expect(rules('Alerte de veille: a new incident names', 'en')).toContain('French feature word');
    expect(rules('Abonnez-le avec `/breach-digest subscribe heure: fuseau: filtres:`', 'fr', 'slack')).toContain('Discord spelling');
    expect(rules('Add one with `/breach watch add <name>`', 'en', 'discord')).toContain('text spelling in Discord');
    expect(rules('Non précisé : dates.occurred (day)', 'fr')).toContain('field path');
    // A command in code keeps its colons: `heure:08:30`, `data:passwords`.
    expect(rules('Abonnez-le avec `/breach-digest subscribe heure:08:30 filtres:data:passwords`.', 'fr', 'discord')).toEqual([]);
    expect(rules('Abonnez-le avec `/breach digest subscribe 08:30 Europe/Paris data:passwords country:FR`.', 'fr', 'slack')).toEqual([]);
    // A usage or help line in the other language's placeholders (issue: French help kept `[timezone] [filters]`).
    expect(rules('Utilisation\u202f: /breach digest subscribe [HH:MM] [timezone] [filters] | unsubscribe', 'fr', 'terminal')).toEqual(['English placeholder', 'English placeholder']);
    expect(rules('`/breach watch add <name>` — La liste de veille de ce canal', 'fr')).toEqual(['English placeholder']);
    expect(rules('/fuite query:… [donnees]', 'fr', 'discord')).toEqual(['English placeholder']);
    expect(rules('Abonnez-le avec `/fuite-resume abonner heure: timezone: filtres:`.', 'fr', 'discord')).toEqual(['English placeholder']);
    expect(rules('Usage: /breach stats [filtres]', 'en', 'terminal')).toEqual(['French placeholder']);
    expect(rules('Utilisation\u202f: /breach digest subscribe [HH:MM] [fuseau] [filtres] · /breach latest [page] · /breach show <id> · /breach updates [on|off]', 'fr', 'terminal')).toEqual([]);
    expect([...PLACEHOLDERS.en]).toEqual(expect.arrayContaining(['query', 'filters', 'timezone', 'name']));
  });
});

describe('GIVEN every kind of feature answer, usage error and the help', () => {
  it('THEN each reads right in both languages on the terminal, Slack and Discord, commands spelled as the platform types them', () => {
    const found: (Violation & { where: string })[] = [];
    let renders = 0;
    for (const lang of ['en', 'fr'] as const) {
      for (const platform of ['terminal', 'slack', 'discord'] as const) {
        OUTCOMES.forEach(([outcome, listed], i) => {
          const answer: MessageAnswer = { kind: 'message', tone: outcome.kind === 'refused' ? 'error' : 'info', outcome, incidents: listed };
          renders++;
          for (const v of judge(RENDER[platform](answer, lang), lang, platform, DATA)) found.push({ ...v, where: `${outcome.kind}#${i} ${platform} ${lang}` });
        });
        for (const [command, problem] of PROBLEMS) {
          renders++;
          const def = COMMANDS_BY_NAME.get(command)! as CommandDefinition<CommandRequest>;
          for (const v of judge(USAGE[platform](def, problem, lang), lang, platform, DATA)) found.push({ ...v, where: `usage ${problem.kind} ${platform} ${lang}` });
        }
        // Every command's usage, as its platform shows it when the command is typed wrong.
        for (const def of COMMANDS as readonly CommandDefinition<CommandRequest>[]) {
          renders++;
          const usage = { terminal: () => usageLine(def.usage, lang), slack: () => unmarked(visibleText(usageToBlocks(def.usage, lang, { examples: def.examples, withHelp: false }))), discord: () => unmarked(visibleText(usageToDiscordMessage(def, lang))) }[platform]();
          for (const v of judge(usage, lang, platform, DATA)) found.push({ ...v, where: `usage of ${def.name} ${platform} ${lang}` });
        }
        renders++;
        for (const v of judge(RENDER[platform]({ kind: 'help' }, lang), lang, platform, DATA)) found.push({ ...v, where: `help ${platform} ${lang}` });
        NOTED.forEach((answer, i) => {
          renders++;
          const listed = answer.kind === 'results' ? answer.matches.map((m) => m.incident) : [];
          const text = RENDER[platform](answer, lang);
          for (const v of judge(text, lang, platform, [...dataStrings(listed), ...DATA, ...NOTED_QUERIES.map(([q]) => q)], listed)) found.push({ ...v, where: `search note #${i} ${platform} ${lang}` });
          // The note is said, in the reader's language, on every platform.
          if (!(lang === 'fr' ? /ne nomme ni|tel quel/ : /names no|as typed/).test(text)) found.push({ rule: 'note not said', excerpt: text.slice(0, 120), where: `search note #${i} ${platform} ${lang}` });
        });
      }
    }
    expect(NOTED.every((a) => a.kind === 'results' && a.note)).toBe(true);
    expect(renders).toBe(2 * 3 * (OUTCOMES.length + PROBLEMS.length + COMMANDS.length + 1 + NOTED.length));
    expect(found).toEqual([]);
  });
});
