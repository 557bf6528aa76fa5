/**
 * Answers Discord interactions: slash commands (mapped from `commands/` by their Discord name),
 * autocomplete (names from the index), and the buttons the renderers put under answers. Parses
 * platform input into requests, asks the core or the app's command handlers, renders the
 * answer; every failure is logged and answered ephemerally, never left to crash the client.
 */
import {
  MessageFlags,
  PermissionFlagsBits,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
  type RepliableInteraction,
} from 'discord.js';
import { COMMANDS_BY_DISCORD_NAME, isCoreRequest, isUsageError, type CommandDefinition, type CommandRequest, type OptionValues } from '../../commands/index.js';
import type { Answer, CoreRequest, StatsAnswer } from '../core/answer.js';
import { UPLOAD_LIMITS, chartNotAttached, statsAttachment, wantsChart } from '../charts/stats-attachment.js';
import type { CoreHolder } from '../core/core-holder.js';
import type { BreachCore } from '../core/breach-core.js';
import type { CommandHandler, Conversation, Logger } from '../ports/index.js';
import type { Lang } from '../core/lang.js';
import { resolveLanguage, wordsLanguage } from '../core/language.js';
import { channelLanguageOf } from '../settings/channel-language.js';
import { errorMessage } from '../render/messages.js';
import { answerToDiscordMessage, choiceName, usageToDiscordMessage, type DiscordMessage, type RenderOptions } from './answer-to-message.js';
import { decodeButton } from './custom-id.js';
import { DISCORD_WORDS, langOfLocale } from './discord-wording.js';
import { AUTOCOMPLETE } from './limits.js';
import { defuseMentions } from './safe-text.js';

export interface InteractionDeps {
  readonly holder: CoreHolder;
  readonly handlers: readonly CommandHandler[];
  readonly log: Logger;
  /** The commands answered, by Discord name (default: every definition in `commands/`). */
  readonly commands?: ReadonlyMap<string, CommandDefinition<CommandRequest>>;
  /**
   * A command handler (digest, watch) that has not answered after this long gets a deferred
   * reply ("thinking…"), so Discord's 3-second deadline never passes. Default 1,500 ms.
   */
  readonly deferAfterMs?: number;
}

const DEFAULT_DEFER_AFTER_MS = 1500;

/** Channel-settings rights, checked at run time whatever the command's default permissions say. */
const ADMIN_PERMISSIONS = [PermissionFlagsBits.ManageGuild, PermissionFlagsBits.ManageChannels, PermissionFlagsBits.Administrator];

export function isAdminInteraction(interaction: Interaction): boolean {
  return interaction.memberPermissions?.any(ADMIN_PERMISSIONS) ?? false;
}

/**
 * Who asked, where, read from the interaction (guild, channel object, member permissions,
 * locale). Undefined when Discord did not say which channel: features keep state per channel,
 * and a made-up key would mix channels up.
 */
export function conversationOf(interaction: Interaction, lang: Lang): Conversation | undefined {
  if (!interaction.channelId) return undefined;
  return {
    platform: 'discord',
    workspaceId: interaction.guildId ?? 'dm',
    channelId: interaction.channelId,
    userId: interaction.user.id,
    isAdmin: isAdminInteraction(interaction),
    language: lang,
  };
}

/** The leaf option values, and the subcommand chosen if any. */
function optionValues(data: readonly CommandInteractionOption[]): { values: OptionValues; subcommand?: string } {
  const values: Record<string, string | number | undefined> = {};
  let subcommand: string | undefined;
  const walk = (options: readonly CommandInteractionOption[]) => {
    for (const o of options) {
      if (o.options) {
        subcommand = o.name;
        walk(o.options);
      } else if (o.value !== undefined && o.value !== null) {
        values[o.name] = typeof o.value === 'boolean' ? String(o.value) : o.value;
      }
    }
  };
  walk(data);
  return subcommand === undefined ? { values } : { values, subcommand };
}

function replyOptions(message: DiscordMessage): InteractionReplyOptions {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowedMentions,
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function ephemeralText(content: string): DiscordMessage {
  return { content: defuseMentions(content), embeds: [], components: [], allowedMentions: { parse: [] }, ephemeral: true };
}

/**
 * Sends the answer the way that is valid now: a reply; after a (public) deferral an edit of it,
 * or, for an ephemeral answer, the deferred message removed and an ephemeral follow-up instead
 * (a deferral's visibility cannot be changed afterwards, and the first follow-up after a deferral
 * would otherwise replace the "thinking…" message publicly).
 */
async function send(interaction: RepliableInteraction, message: DiscordMessage): Promise<void> {
  const options = replyOptions(message);
  if (interaction.deferred && !interaction.replied) {
    if (!message.ephemeral) {
      const { flags: _flags, ...edit } = options;
      await interaction.editReply(edit);
      return;
    }
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp(options);
    return;
  }
  if (interaction.replied || interaction.deferred) {
    await interaction.followUp(options);
    return;
  }
  await interaction.reply(options);
}

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  const lang = langOfLocale(interaction.locale);
  try {
    if (interaction.isAutocomplete()) await answerAutocomplete(interaction, deps);
    else if (interaction.isChatInputCommand()) await answerCommand(interaction, deps, lang);
    else if (interaction.isButton()) await answerButton(interaction, deps, lang);
  } catch (err) {
    deps.log.error(`discord: ${describeInteraction(interaction)} failed`, err);
    await answerFailure(interaction, lang).catch((e: unknown) => deps.log.error('discord: could not report the failure to the user', e));
  }
}

function describeInteraction(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isButton()) return `button ${interaction.customId.slice(0, 40)}`;
  return `interaction type ${interaction.type}`;
}

async function answerFailure(interaction: Interaction, lang: Lang): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  await send(interaction, ephemeralText(errorMessage({ kind: 'error', code: 'internal' }, lang)));
}

async function answerAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value ?? '').slice(0, 200);
  const core = deps.holder.core;
  const def = (deps.commands ?? COMMANDS_BY_DISCORD_NAME).get(interaction.commandName);
  const option = def?.options.find((o) => o.name === focused.name) ?? def?.subcommands?.flatMap((s) => s.options).find((o) => o.name === focused.name);
  if (!option?.autocomplete) {
    await interaction.respond([]);
    return;
  }
  // An id option offers incidents (a name such as "Orange" can lead to several); other options offer names.
  const choices = focused.name === 'id' ? incidentChoices(core, typed) : nameChoices(core, typed);
  await interaction.respond(choices.slice(0, AUTOCOMPLETE.choices));
}

function nameChoices(core: BreachCore, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  return core
    .complete(typed, AUTOCOMPLETE.choices)
    .map((c) => ({ name: choiceName(c.name), value: c.name.slice(0, AUTOCOMPLETE.value) }))
    .filter((c) => c.value.trim() !== '');
}

function incidentChoices(core: BreachCore, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const request: CoreRequest = typed.trim() ? { command: 'search', query: typed, pageSize: AUTOCOMPLETE.choices } : { command: 'latest', pageSize: AUTOCOMPLETE.choices };
  const answer = core.execute(request);
  if (answer.kind !== 'results') return [];
  return answer.matches
    .filter((m) => m.incident.id.length <= AUTOCOMPLETE.value)
    .map((m) => ({ name: choiceName(`${m.incident.organization.name} — ${m.incident.id}`), value: m.incident.id }));
}

/**
 * The answer's language (core/language.ts): the words of a search, else the channel's setting
 * (`/breach-lang`), else the interaction's locale (`lang`, which Discord always sends).
 */
async function commandLanguage(interaction: ChatInputCommandInteraction, request: unknown, deps: InteractionDeps, locale: Lang): Promise<Lang> {
  const query = (request as { query?: unknown }).query;
  const words = typeof query === 'string' ? wordsLanguage(query) : undefined;
  if (words) return words;
  const channel = interaction.channelId ? await channelLanguageOf(deps.handlers, { platform: 'discord', workspaceId: interaction.guildId ?? 'dm', channelId: interaction.channelId }) : undefined;
  return resolveLanguage({ channel, user: locale, fallback: locale });
}

async function answerCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps, lang: Lang): Promise<void> {
  const def = (deps.commands ?? COMMANDS_BY_DISCORD_NAME).get(interaction.commandName);
  if (!def) {
    await send(interaction, answerToDiscordMessage({ kind: 'error', code: 'unknown-command', detail: `/${interaction.commandName}` }, lang));
    return;
  }
  const { values, subcommand } = optionValues(interaction.options.data);
  const request = def.fromOptions(values, subcommand);
  lang = await commandLanguage(interaction, request, deps, lang);
  if (isUsageError(request)) {
    await send(interaction, usageToDiscordMessage(def, lang, request.problem));
    return;
  }
  // Run-time check of an admin-only command (its default member permissions are only a default a
  // server can change). A feature's handler decides per action from `Conversation.isAdmin`, with
  // its own wording (digest status is open, subscribe is not); anything else is refused here.
  if (def.adminOnly && !isAdminInteraction(interaction) && !handlerFor(request, deps)) {
    await send(interaction, ephemeralText(DISCORD_WORDS[lang].adminOnly));
    return;
  }
  if (isCoreRequest(request)) {
    const answer = deps.holder.core.execute(request);
    await send(interaction, answerToDiscordMessage(answer, lang));
    if (wantsChart(answer)) await attachStatsChart(interaction, answer, lang, deps.log);
    return;
  }
  await send(interaction, await answerRequest(interaction, request, deps, lang));
}

/**
 * Adds the `/breach stats` chart to the answer just sent, as a multipart attachment (the reply's
 * edit: `PATCH /webhooks/{app}/{token}/messages/@original`), within the upload limit the
 * interaction states, with the alt text as its description. The numbers went out first: a
 * refused upload leaves them, and a short ephemeral note says the chart is missing.
 */
async function attachStatsChart(interaction: ChatInputCommandInteraction, answer: StatsAnswer, lang: Lang, log: Logger): Promise<void> {
  try {
    const chart = statsAttachment(answer, lang, interaction.attachmentSizeLimit || UPLOAD_LIMITS.discord);
    await interaction.editReply({ files: [{ attachment: chart.png, name: chart.filename, description: chart.alt }] });
  } catch (err) {
    log.warn(`discord: the stats chart was not attached (${(err as Error).message})`);
    await interaction.followUp({ content: chartNotAttached(lang), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }).catch(() => undefined);
  }
}

function describeRequest(request: CommandRequest): string {
  const action = (request as { action?: unknown }).action;
  return `${request.command}${typeof action === 'string' ? ` ${action}` : ''}`;
}

/** The app's handler that owns a feature request (digest, watch), if any. */
function handlerFor(request: CommandRequest, deps: InteractionDeps): CommandHandler | undefined {
  return isCoreRequest(request) ? undefined : deps.handlers.find((h) => h.handles(request));
}

/** Asks the core (synchronous, well under Discord's deadline) or the first handler that owns the request (deferred if slow). */
async function answerRequest(interaction: RepliableInteraction, request: CommandRequest, deps: InteractionDeps, lang: Lang, options: RenderOptions = {}): Promise<DiscordMessage> {
  if (isCoreRequest(request)) return answerToDiscordMessage(deps.holder.core.execute(request), lang, options);
  const handler = handlerFor(request, deps);
  if (!handler) return ephemeralText(DISCORD_WORDS[lang].unavailable);
  const conversation = conversationOf(interaction, lang);
  if (!conversation) {
    deps.log.warn(`discord: /${describeRequest(request)} came without a channel; not handled`);
    return ephemeralText(DISCORD_WORDS[lang].noChannel);
  }
  const work = handler.handle(request, conversation);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deps.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS);
  });
  try {
    const first = await Promise.race([work, late]);
    if (first === 'late') await interaction.deferReply();
  } finally {
    clearTimeout(timer);
  }
  const answer: Answer = await work;
  return answerToDiscordMessage(answer, lang, options);
}

async function answerButton(interaction: ButtonInteraction, deps: InteractionDeps, lang: Lang): Promise<void> {
  const W = DISCORD_WORDS[lang];
  const state = decodeButton(interaction.customId);
  if (!state) {
    await send(interaction, ephemeralText(W.staleButton));
    return;
  }
  const core = deps.holder.core;
  if (state.kind === 'details') {
    const answer = core.execute({ command: 'show', id: state.id });
    if (answer.kind !== 'incident') {
      await send(interaction, ephemeralText(W.incidentGone(state.id)));
      return;
    }
    // Details go to the one who asked, so a busy channel is not flooded by every press.
    await send(interaction, { ...answerToDiscordMessage(answer, lang), ephemeral: true });
    return;
  }
  let request: CoreRequest;
  let expectedTotal: number | undefined;
  if (state.kind === 'search-page') {
    request = { command: 'search', query: state.query, page: state.page, pageSize: state.size };
    expectedTotal = state.total;
  } else if (state.kind === 'latest-page') {
    request = { command: 'latest', page: state.page, pageSize: state.size };
    expectedTotal = state.total;
  } else {
    request = { command: 'search', query: state.query };
  }
  const answer = core.execute(request);
  const changed = expectedTotal !== undefined && (answer.kind !== 'results' || answer.total !== expectedTotal);
  const message = answerToDiscordMessage(answer, lang, changed ? { notice: W.resultsChanged } : {});
  if (message.ephemeral) {
    await send(interaction, message);
    return;
  }
  // Paging edits the message the button sits on (callback type 7), so the channel keeps one answer.
  const { flags: _flags, ...update } = replyOptions(message);
  await interaction.update({ ...update, content: message.content ?? '' });
}
