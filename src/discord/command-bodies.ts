/**
 * Discord's slash command definitions, built from `commands/` (the one place commands are
 * defined): the JSON bodies for `PUT /applications/{id}/commands` (or the guild route), with
 * French localizations, and a check of the limits Discord's schema does not spell out.
 */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionDefinition } from '../../commands/command-definition.js';
import { COMMAND } from './limits.js';

// Discord's numeric enums (ApplicationCommandType, ApplicationCommandOptionType, PermissionFlagsBits).
const CHAT_INPUT = 1;
const SUBCOMMAND = 1;
const STRING = 3;
const INTEGER = 4;
/** Admin-only commands are hidden by default from members who cannot manage channels (owners can change that per server). */
export const ADMIN_DEFAULT_PERMISSIONS = String(1n << 4n); // ManageChannels

export type DiscordCommandBody = RESTPostAPIChatInputApplicationCommandsJSONBody;

function fr(text: string | undefined): { fr: string } | undefined {
  return text === undefined ? undefined : { fr: text };
}

function optionBody(o: OptionDefinition): APIApplicationCommandBasicOption {
  const common = {
    name: o.name,
    ...(o.nameFr ? { name_localizations: fr(o.nameFr) } : {}),
    description: o.description.en,
    description_localizations: { fr: o.description.fr },
    required: o.required ?? false,
  };
  if (o.type === 'integer') {
    return {
      ...common,
      type: INTEGER,
      ...(o.autocomplete && !o.choices ? { autocomplete: true } : {}),
      ...(o.choices ? { choices: o.choices.map((c) => ({ name: c.name.en, name_localizations: { fr: c.name.fr }, value: Number(c.value) })) } : {}),
      ...(o.minValue !== undefined ? { min_value: o.minValue } : {}),
      ...(o.maxValue !== undefined ? { max_value: o.maxValue } : {}),
    } as APIApplicationCommandBasicOption;
  }
  return {
    ...common,
    type: STRING,
    // Discord refuses autocomplete together with fixed choices.
    ...(o.autocomplete && !o.choices ? { autocomplete: true } : {}),
    ...(o.choices ? { choices: o.choices.map((c) => ({ name: c.name.en, name_localizations: { fr: c.name.fr }, value: c.value })) } : {}),
    ...(o.maxLength !== undefined ? { max_length: o.maxLength } : {}),
  } as APIApplicationCommandBasicOption;
}

/** Required options first: Discord rejects a required option after an optional one. */
function ordered(options: readonly OptionDefinition[]): OptionDefinition[] {
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

/** The registration body of one command definition. */
export function discordCommandBody(def: CommandDefinition<{ command: string }>): DiscordCommandBody {
  const options: APIApplicationCommandOption[] = def.subcommands?.length
    ? def.subcommands.map(
        (s): APIApplicationCommandSubcommandOption => ({
          type: SUBCOMMAND,
          name: s.name,
          ...(s.nameFr ? { name_localizations: fr(s.nameFr) } : {}),
          description: s.description.en,
          description_localizations: { fr: s.description.fr },
          options: ordered(s.options).map(optionBody),
        }),
      )
    : ordered(def.options).map(optionBody);
  return {
    type: CHAT_INPUT,
    name: def.discordName,
    ...(def.discordNameFr ? { name_localizations: fr(def.discordNameFr) } : {}),
    description: def.description.en,
    description_localizations: { fr: def.description.fr },
    ...(options.length ? { options } : {}),
    ...(def.adminOnly ? { default_member_permissions: ADMIN_DEFAULT_PERMISSIONS } : {}),
  };
}

/** The bodies for `PUT /applications/{id}/commands` (or `/guilds/{id}/commands`), one per definition. */
export function buildDiscordCommands(commands: readonly CommandDefinition<{ command: string }>[]): DiscordCommandBody[] {
  return commands.map(discordCommandBody);
}

type Localizations = Partial<Record<string, string | null>> | null | undefined;

const locLength = (l: Localizations) => Object.values(l ?? {}).reduce((n, v) => n + (v?.length ?? 0), 0);

interface Named {
  name: string;
  name_localizations?: Localizations;
  description?: string;
  description_localizations?: Localizations;
}

/** What Discord checks beyond the schema: name syntax, lengths, counts, order, 8,000 characters in all. */
export function checkCommandLimits(body: DiscordCommandBody): string[] {
  const problems: string[] = [];
  let total = 0;
  const named = (where: string, n: Named) => {
    for (const [locale, name] of [['', n.name], ...Object.entries(n.name_localizations ?? {})] as [string, string | null | undefined][]) {
      if (name == null) continue;
      if (!COMMAND.name.test(name) || name !== name.toLowerCase()) problems.push(`${where}: name${locale ? ` (${locale})` : ''} "${name}" must be 1-32 lower-case letters, digits, - _ or '`);
    }
    for (const [locale, d] of [['', n.description], ...Object.entries(n.description_localizations ?? {})] as [string, string | null | undefined][]) {
      if (d == null) continue;
      if (d.length < 1 || d.length > COMMAND.description) problems.push(`${where}: description${locale ? ` (${locale})` : ''} must be 1-${COMMAND.description} characters, is ${d.length}`);
    }
    total += n.name.length + (n.description?.length ?? 0) + locLength(n.name_localizations) + locLength(n.description_localizations);
  };
  const options = (where: string, list: readonly APIApplicationCommandOption[] | undefined) => {
    if (!list) return;
    if (list.length > COMMAND.options) problems.push(`${where}: ${list.length} options, at most ${COMMAND.options}`);
    let optionalSeen = false;
    const names = new Set<string>();
    for (const o of list) {
      const at = `${where} ${o.name}`;
      named(at, o);
      if (names.has(o.name)) problems.push(`${at}: duplicate option name`);
      names.add(o.name);
      if (o.type === SUBCOMMAND) {
        options(at, (o as APIApplicationCommandSubcommandOption).options);
        continue;
      }
      const required = 'required' in o && o.required === true;
      if (required && optionalSeen) problems.push(`${at}: a required option after an optional one`);
      if (!required) optionalSeen = true;
      const choices = 'choices' in o ? (o.choices as readonly { name: string; name_localizations?: Localizations; value: string | number }[] | undefined) : undefined;
      if (choices) {
        if (choices.length > COMMAND.choices) problems.push(`${at}: ${choices.length} choices, at most ${COMMAND.choices}`);
        if ('autocomplete' in o && o.autocomplete) problems.push(`${at}: autocomplete and choices together`);
        for (const c of choices) {
          if (c.name.length < 1 || c.name.length > 100) problems.push(`${at}: choice name "${c.name}" must be 1-100 characters`);
          if (String(c.value).length > 100) problems.push(`${at}: choice value must be at most 100 characters`);
          total += c.name.length + String(c.value).length + locLength(c.name_localizations);
        }
      }
    }
    if (list.some((o) => o.type === SUBCOMMAND) && list.some((o) => o.type !== SUBCOMMAND)) problems.push(`${where}: subcommands cannot sit beside other options`);
  };
  named(`/${body.name}`, body);
  options(`/${body.name}`, body.options);
  if (total > COMMAND.total) problems.push(`/${body.name}: ${total} characters in all, at most ${COMMAND.total}`);
  return problems;
}
