/**
 * `npm run discord:deploy`: registers the slash commands defined in `commands/` with Discord, to
 * one server when DISCORD_GUILD_ID is set (instant, for development), globally otherwise (can
 * take up to an hour to show everywhere). Run it when command definitions change; the bot itself
 * never registers anything at start-up.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { loadConfig, type DiscordConfig } from '../config/env.js';
import { createLogger } from '../app/logger.js';
import { buildDiscordCommands, checkCommandLimits, type DiscordCommandBody } from './command-bodies.js';
import { restBase } from './discord-client.js';

export interface DeployResult {
  readonly scope: 'guild' | 'global';
  readonly names: readonly string[];
}

/** Validates every body, then replaces the application's commands (PUT: commands no longer defined are removed). */
export async function deployCommands(config: DiscordConfig & { applicationId: string; token: string }, bodies: readonly DiscordCommandBody[] = buildDiscordCommands(COMMANDS)): Promise<DeployResult> {
  const problems = bodies.flatMap(checkCommandLimits);
  if (problems.length) throw new Error(`breachbot: command definitions break Discord's rules:\n  ${problems.join('\n  ')}`);
  const api = restBase(config.apiUrl);
  const rest = new REST({ ...(api ? { api } : {}), retries: 1, timeout: 15_000 }).setToken(config.token);
  const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
  const registered = (await rest.put(route, { body: bodies })) as { name: string }[];
  return { scope: config.guildId ? 'guild' : 'global', names: registered.map((c) => c.name) };
}

export async function main(env?: Readonly<Record<string, string | undefined>>, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  // The environment is read by the config module only (`loadConfig` defaults to it); tests pass their own.
  const loaded = env ? loadConfig(env) : loadConfig();
  if (!loaded.ok) {
    print(`Cannot deploy the Discord commands; fix these variables:\n  ${loaded.errors.join('\n  ')}`);
    return 1;
  }
  const discord = loaded.config.discord;
  const missing = [...(discord?.token ? [] : ['DISCORD_TOKEN']), ...(discord?.applicationId ? [] : ['DISCORD_APPLICATION_ID'])];
  if (!discord?.token || !discord.applicationId || missing.length) {
    print(`Cannot deploy the Discord commands: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set (see .env.example).`);
    return 1;
  }
  const log = createLogger([discord.token], print);
  try {
    const result = await deployCommands({ ...discord, applicationId: discord.applicationId, token: discord.token });
    print(
      result.scope === 'guild'
        ? `Registered ${result.names.length} commands in server ${discord.guildId} (available now): ${result.names.map((n) => `/${n}`).join(', ')}`
        : `Registered ${result.names.length} global commands (Discord may take up to an hour to show them everywhere): ${result.names.map((n) => `/${n}`).join(', ')}`,
    );
    return 0;
  } catch (err) {
    log.error('Discord command deployment failed', err);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
