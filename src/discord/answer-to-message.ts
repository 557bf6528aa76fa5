/**
 * Renders the core's `Answer` as Discord messages: pure functions, answer in, payload out.
 * Heading and notices go in `content`, incidents in embeds, paging / details / suggestions in
 * buttons whose `custom_id` carries their state. Every payload stays within Discord's limits
 * (see limits.ts) by shortening with a "more" note, and allows no mentions.
 */
import type { APIActionRowComponent, APIButtonComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import type { Answer, IncidentAnswer, MessageAnswer, NoResultsAnswer, NotFoundAnswer, ResultsAnswer, StatsAnswer } from '../core/answer.js';
import { breachSearch, type CommandDefinition, type CommandRequest } from '../../commands/index.js';
import type { Lang } from '../core/lang.js';
import { LABELS, errorMessage, noResultsMessage, notFoundMessage, suggestionsLead } from '../render/messages.js';
import { statsCard } from '../render/stats-card.js';
import { helpCard } from '../render/help-card.js';
import { colon } from '../render/typography.js';
import { encodeButton, type ButtonState } from './custom-id.js';
import { DISCORD_WORDS } from './discord-wording.js';
import { DISCORD_SPELLING } from './command-spelling.js';
import { featureWords, searchHeading } from '../render/feature-words.js';
import { usageProblemWords } from '../render/usage-words.js';
import type { UsageProblem } from '../core/feature-outcome.js';
import { type Phrase, phraseText } from '../render/phrase.js';
import { fitEmbed, packEmbeds } from './embed-fit.js';
import { COLORS, incidentDetailEmbed, incidentSummaryEmbed } from './incident-embeds.js';
import { COMPONENTS, EMBED, MESSAGE } from './limits.js';
import { defuseMentions, safe, truncate } from './safe-text.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface DiscordMessage {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: ActionRow[];
  /** Always empty: nothing the bot sends may ping anyone. */
  readonly allowedMentions: { readonly parse: [] };
  /** Shown only to the person who asked (errors, usage, help). */
  readonly ephemeral: boolean;
}

export interface RenderOptions {
  /** A line shown above the answer (e.g. "the catalog changed since this message"). */
  readonly notice?: string;
}

// Discord's numeric enums (kept here so the renderers need no runtime import of discord.js).
const ACTION_ROW = 1;
const BUTTON = 2;
const PRIMARY = 1;
const SECONDARY = 2;

const NO_MENTIONS = { parse: [] } as { parse: [] };

function message(parts: { content?: string | undefined; embeds?: APIEmbed[]; components?: ActionRow[]; ephemeral?: boolean }): DiscordMessage {
  const content = parts.content?.trim();
  return {
    ...(content ? { content: truncate(content, MESSAGE.content) } : {}),
    embeds: parts.embeds ?? [],
    components: parts.components ?? [],
    allowedMentions: NO_MENTIONS,
    ephemeral: parts.ephemeral ?? false,
  };
}


function lines(...items: (string | undefined | false)[]): string {
  return items.filter((s): s is string => typeof s === 'string' && s !== '').join('\n');
}

/** A button for a state, or nothing when its state does not fit in a custom_id. */
function button(label: string, state: ButtonState, style = SECONDARY, disabled = false): APIButtonComponent[] {
  const customId = encodeButton(state);
  if (!customId) return [];
  return [{ type: BUTTON, style, label: truncate(label.replace(/[^\S\u202f\u00a0]+/g, ' ').trim() || '…', COMPONENTS.label), custom_id: customId, ...(disabled ? { disabled: true } : {}) }];
}

/** Buttons laid out five to a row, at most `maxRows` rows; custom_ids kept unique. */
function rows(buttons: readonly APIButtonComponent[], maxRows: number): ActionRow[] {
  const seen = new Set<string>();
  const unique = buttons.filter((b) => {
    const id = 'custom_id' in b ? b.custom_id : '';
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  const out: ActionRow[] = [];
  for (let i = 0; i < unique.length && out.length < maxRows; i += COMPONENTS.buttonsPerRow) {
    out.push({ type: ACTION_ROW, components: unique.slice(i, i + COMPONENTS.buttonsPerRow) });
  }
  return out;
}

/** Fits up to 10 embeds into one message's 6,000 characters, sharing the budget equally. */
function shareBudget(embeds: readonly APIEmbed[]): { shown: APIEmbed[]; hidden: number } {
  const shown = embeds.slice(0, EMBED.perMessage);
  if (shown.length === 0) return { shown: [], hidden: 0 };
  const budget = Math.floor(EMBED.total / shown.length);
  return { shown: shown.map((e) => fitEmbed(e, budget)), hidden: embeds.length - shown.length };
}

function pageState(answer: ResultsAnswer, page: number): ButtonState {
  const r = answer.request;
  return r.command === 'search'
    ? { kind: 'search-page', query: r.query, page, size: answer.page.size, total: answer.total }
    : { kind: 'latest-page', page, size: answer.page.size, total: answer.total };
}

function resultsMessage(answer: ResultsAnswer, lang: Lang, options: RenderOptions): DiscordMessage {
  const L = LABELS[lang];
  const W = DISCORD_WORDS[lang];
  const first = (answer.page.number - 1) * answer.page.size;
  const { shown, hidden } = shareBudget(answer.matches.map((m, i) => incidentSummaryEmbed(m, first + i + 1, lang)));
  const { number, count } = answer.page;
  const hasPages = count > 1;
  const nav = hasPages
    ? [
        ...button(`◀ ${L.previous}`, pageState(answer, Math.max(1, number - 1)), SECONDARY, number <= 1),
        ...button(`${L.next} ▶`, pageState(answer, Math.min(count, number + 1)), PRIMARY, number >= count),
      ]
    : [];
  const navMissing = hasPages && nav.length < 2;
  const details = answer.matches
    .slice(0, shown.length)
    .flatMap((m, i) => button(`${L.details}${colon(lang)}${first + i + 1}. ${m.incident.organization.name}`, { kind: 'details', id: m.incident.id }));
  const components = [...rows(details, COMPONENTS.rows - (nav.length ? 1 : 0)), ...rows(navMissing ? [] : nav, 1)];
  return message({
    content: lines(
      options.notice && safe(options.notice),
      `**${safe(searchHeading(answer, lang))}**`,
      hidden > 0 && W.notShown(hidden, lang),
      hasPages && !navMissing && number < count && W.useNext,
      navMissing && W.tooLongToPage,
    ),
    embeds: shown,
    components,
  });
}

function noResultsMessageOf(answer: NoResultsAnswer, lang: Lang, options: RenderOptions): DiscordMessage {
  const suggestions = answer.suggestions.slice(0, COMPONENTS.buttonsPerRow);
  return message({
    content: lines(options.notice && safe(options.notice), safe(noResultsMessage(answer, lang)), suggestions.length > 0 && `${suggestionsLead(lang)} ${suggestions.map((s) => `**${safe(s)}**`).join(', ')}`),
    components: rows(
      suggestions.flatMap((s) => button(s, { kind: 'suggestion', query: s })),
      1,
    ),
  });
}

function incidentMessage(answer: IncidentAnswer, lang: Lang, options: RenderOptions): DiscordMessage {
  const related = answer.related.flatMap((r) => button(`${LABELS[lang].details}${colon(lang)}${r.organization.name} (${r.id})`, { kind: 'details', id: r.id }));
  return message({
    content: options.notice && safe(options.notice),
    embeds: [fitEmbed(incidentDetailEmbed(answer, lang), EMBED.total)],
    components: rows(related, COMPONENTS.rows),
  });
}

function notFoundMessageOf(answer: NotFoundAnswer, lang: Lang, options: RenderOptions): DiscordMessage {
  return message({
    content: lines(options.notice && safe(options.notice), safe(notFoundMessage(answer.id, lang)), answer.suggestions.length > 0 && suggestionsLead(lang)),
    components: rows(
      answer.suggestions.flatMap((s) => button(`${s.title} (${s.id})`, { kind: 'details', id: s.id })),
      COMPONENTS.rows,
    ),
    ephemeral: true,
  });
}

function statsMessage(answer: StatsAnswer, lang: Lang): DiscordMessage {
  const card = statsCard(answer.stats, lang);
  const embed: APIEmbed = {
    title: card.title,
    color: COLORS.info,
    fields: [
      ...card.rows.map((r) => ({ name: r.label, value: r.items.map((i) => `${safe(i.label)} — ${i.count}`).join('\n') || '—', inline: true })),
      { name: card.biggest.label, value: card.biggest.items.map((b, i) => `${i + 1}. ${safe(`${b.name} — ${b.records} [${b.id}]`)}`).join('\n') || '—' },
    ],
  };
  return message({ embeds: [fitEmbed(embed, EMBED.total)] });
}

/** How a command reads in Discord: `/breach query:… [data] [year]`, with French names for French users. */
export function discordUsage(def: CommandDefinition<CommandRequest>, lang: Lang): string {
  const cmd = lang === 'fr' ? (def.discordNameFr ?? def.discordName) : def.discordName;
  const opts = def.options.map((o) => {
    const n = lang === 'fr' ? (o.nameFr ?? o.name) : o.name;
    return o.required ? `${n}:…` : `[${n}]`;
  });
  const subs = def.subcommands?.map((s) => (lang === 'fr' ? (s.nameFr ?? s.name) : s.name)).join(' | ');
  return [`/${cmd}`, ...(subs ? [`<${subs}>`] : []), ...opts].join(' ');
}

function helpMessage(lang: Lang): DiscordMessage {
  const card = helpCard(lang);
  const root = `/${lang === 'fr' ? (breachSearch.discordNameFr ?? 'breach') : 'breach'} `;
  const embed: APIEmbed = {
    title: 'breachbot',
    description: card.intro,
    color: COLORS.info,
    fields: [
      ...card.commands.map((c) => ({ name: discordUsage(c.definition, lang), value: c.description })),
      { name: card.filters.label, value: card.filters.text },
      { name: card.examples.label, value: card.examples.questions.map((e) => `\`${e.replace(/^\/breach\s+/, root).replace(/`/g, "'")}\``).join('\n') },
    ],
  };
  return message({ embeds: [fitEmbed(embed, EMBED.total)], ephemeral: true });
}

/** A usage problem (a command typed wrong): how it reads in Discord, then the help; only for the one who typed it. */
export function usageToDiscordMessage(def: CommandDefinition<CommandRequest>, lang: Lang, problem?: UsageProblem): DiscordMessage {
  return message({ content: lines(problem && phraseMarkdown(usageProblemWords(problem, lang)), `${LABELS[lang].usage}${colon(lang)}\`${discordUsage(def, lang)}\``), embeds: helpMessage(lang).embeds, ephemeral: true });
}

function toneColor(tone: MessageAnswer['tone']): number {
  return tone === 'error' ? COLORS.error : tone === 'success' ? COLORS.success : COLORS.info;
}

/** A phrase as Discord markdown: prose escaped, commands as inline code (defused). */
function phraseMarkdown(p: Phrase): string {
  return phraseText(p, (c) => `\`${defuseMentions(c.replace(/`/g, "'").replace(/\n/g, ' '))}\``, safe);
}

/** A feature's words for Discord: its text (one line a phrase) and its closing line. */
function featureMarkdown(answer: MessageAnswer, lang: Lang): { text: string; footer?: string } {
  const words = featureWords(answer, lang, DISCORD_SPELLING);
  return { text: words.lines.map(phraseMarkdown).join('\n'), ...(words.footer ? { footer: phraseMarkdown(words.footer) } : {}) };
}

function messageAnswer(answer: MessageAnswer, lang: Lang, options: RenderOptions): DiscordMessage {
  const W = DISCORD_WORDS[lang];
  const words = featureMarkdown(answer, lang);
  const { shown, hidden } = shareBudget(answer.incidents.map((incident) => ({ ...incidentSummaryEmbed({ incident, reasons: [] }, undefined, lang), color: toneColor(answer.tone) })));
  return message({
    // The feature's text gives way first, so the "more" note and the footer always show.
    content: lines(
      options.notice && safe(options.notice),
      truncate(words.text, MESSAGE.content - 500),
      hidden > 0 && W.notShown(hidden, lang),
      words.footer && truncate(words.footer, 300),
    ),
    embeds: shown,
    ephemeral: answer.tone === 'error',
  });
}

/** The answer as one Discord message (an interaction reply): what does not fit is cut with a "more" note. */
export function answerToDiscordMessage(answer: Answer, lang: Lang, options: RenderOptions = {}): DiscordMessage {
  switch (answer.kind) {
    case 'results':
      return resultsMessage(answer, lang, options);
    case 'no-results':
      return noResultsMessageOf(answer, lang, options);
    case 'incident':
      return incidentMessage(answer, lang, options);
    case 'not-found':
      return notFoundMessageOf(answer, lang, options);
    case 'stats':
      return statsMessage(answer, lang);
    case 'help':
      return helpMessage(lang);
    case 'error':
      // The wording holds deliberate `code` markup; only its echoed input needs defusing.
      return message({ content: lines(options.notice && safe(options.notice), defuseMentions(errorMessage(answer, lang))), ephemeral: true });
    case 'message':
      return messageAnswer(answer, lang, options);
  }
}

/** One channel post of a split answer and the ids of the incidents it shows, in order. */
export interface DiscordPart {
  readonly message: DiscordMessage;
  readonly incidentIds: readonly string[];
}

/**
 * The answer as channel posts (digests, alerts): a `message` answer with many incidents is split
 * into as many messages as the embed limits require, each within them; other answers are one.
 */
export function answerToDiscordMessages(answer: Answer, lang: Lang): DiscordMessage[] {
  return answerToDiscordParts(answer, lang).map((p) => p.message);
}

/** As `answerToDiscordMessages`, each message with the incidents it carries (one embed each). */
export function answerToDiscordParts(answer: Answer, lang: Lang): DiscordPart[] {
  if (answer.kind !== 'message') return [{ message: answerToDiscordMessage(answer, lang), incidentIds: [] }];
  // One incident (or none) fits one message whole: its embed is shown.
  if (answer.incidents.length <= 1) return [{ message: answerToDiscordMessage(answer, lang), incidentIds: answer.incidents.map((i) => i.id) }];
  const W = DISCORD_WORDS[lang];
  // Each incident keeps room to be read; several share a message.
  const embeds = answer.incidents.map((incident) => fitEmbed({ ...incidentSummaryEmbed({ incident, reasons: [] }, undefined, lang), color: toneColor(answer.tone) }, 2000));
  const groups = packEmbeds(embeds);
  const { text, footer } = featureMarkdown(answer, lang);
  let from = 0;
  return groups.map((group, i) => {
    const part = groups.length > 1 ? W.part(i + 1, groups.length) : undefined;
    const last = i === groups.length - 1;
    // packEmbeds keeps the embeds in order, one per incident: a group is the next `group.length` incidents.
    const incidentIds = answer.incidents.slice(from, (from += group.length)).map((incident) => incident.id);
    return { message: message({ content: lines(i === 0 ? truncate(text, MESSAGE.content - 20) : undefined, part, last && footer ? truncate(footer, 500) : undefined), embeds: group }), incidentIds };
  });
}

/** Autocomplete never carries markup, but names must be 1-100 characters and inert. */
export function choiceName(text: string): string {
  return truncate(defuseMentions(text.replace(/\s+/g, ' ').trim()) || '…', 100);
}

