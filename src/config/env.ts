/**
 * The one place that reads the environment. Validated once at start-up with zod, frozen;
 * empty strings count as unset; every missing or malformed variable is listed at once, by name,
 * with what it should look like. Secrets are never printed: messages name variables, never values.
 */
import { resolve } from 'node:path';
import * as z from 'zod';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const token = (prefix: string, what: string) =>
  z.string().trim().refine((v) => v.startsWith(prefix) && v.length > prefix.length + 8, { message: `must be ${what} (starts with "${prefix}")` });

const httpUrl = z.string().trim().refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: 'must be an http(s) URL such as https://example.com/api/' });

const cronExpr = z
  .string()
  .trim()
  .refine((v) => /^(\S+\s+){4,5}\S+$/.test(v), { message: 'must be a cron expression with 5 or 6 fields, such as "0 9 * * *"' });

const timeZone = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: v });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone such as Europe/Paris' },
  );

const snowflake = z.string().trim().regex(/^\d{15,22}$/, 'must be a Discord id (digits only, 15 to 22 of them)');

export const EnvSchema = z
  .object({
    /** Folder holding incidents/ and imported/. */
    DATA_DIR: optional(z.string()),
    /** Folder for the compiled catalog snapshot (default var/cache); "off" to never use one. */
    CATALOG_CACHE_DIR: optional(z.string()),
    /** Answer language when a question does not tell: en or fr. */
    BOT_LANGUAGE: optional(z.enum(['en', 'fr'], { message: 'must be "en" or "fr"' })),

    SLACK_BOT_TOKEN: optional(token('xoxb-', 'a Slack bot token')),
    SLACK_APP_TOKEN: optional(token('xapp-', 'a Slack app-level token with connections:write')),
    SLACK_SIGNING_SECRET: optional(z.string().trim().regex(/^[0-9a-f]{16,}$/i, 'must be the hexadecimal signing secret from the Slack app\'s "Basic Information" page')),
    SLACK_MODE: optional(z.enum(['socket', 'http'], { message: 'must be "socket" (default) or "http"' })),
    PORT: optional(z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535, 'must be a port number from 0 to 65535')),
    SLACK_API_URL: optional(httpUrl),
    /** Many workspaces ("Add to Slack"): the app's Client ID, Client Secret and a secret signing the install state. */
    SLACK_CLIENT_ID: optional(z.string().trim().regex(/^\d+\.\d+$/, 'must be the app\'s Client ID ("Basic Information", digits.digits)')),
    SLACK_CLIENT_SECRET: optional(z.string().trim().regex(/^[0-9a-f]{16,}$/i, 'must be the app\'s hexadecimal Client Secret ("Basic Information")')),
    SLACK_STATE_SECRET: optional(z.string().trim().min(16, 'must be a random secret of at least 16 characters (signs the install state)')),
    SLACK_REDIRECT_URL: optional(httpUrl),
    SLACK_ADMIN_USER_IDS: optional(z.string().trim().regex(/^[UW][A-Z0-9]+(\s*,\s*[UW][A-Z0-9]+)*$/, 'must be comma-separated Slack user ids such as U012ABCDEF,U034GHIJKL')),

    DISCORD_TOKEN: optional(z.string().trim().regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'must be a Discord bot token (three dot-separated parts, from the Developer Portal\'s "Bot" page)')),
    DISCORD_APPLICATION_ID: optional(snowflake),
    DISCORD_GUILD_ID: optional(snowflake),
    DISCORD_API_URL: optional(httpUrl),
    /** The application's Ed25519 public key: interactions then arrive over HTTP at /discord/interactions, with no gateway. */
    DISCORD_PUBLIC_KEY: optional(z.string().trim().regex(/^[0-9a-f]{64}$/i, 'must be the application\'s "Public Key" (64 hexadecimal characters, Developer Portal → General Information)')),
    /** Gateway mode: "auto" (Discord says how many shards) or a shard count run in this process. */
    DISCORD_SHARDS: optional(z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], { message: 'must be "auto" or a shard count such as 2' })),

    STATE_DB: optional(z.string()),
    /** PostgreSQL for all state instead of SQLite (several bot processes share it). */
    DATABASE_URL: optional(z.string().trim().refine((v) => /^postgres(ql)?:\/\/\S+$/.test(v), { message: 'must be a PostgreSQL URL such as postgres://breachbot:password@db.example.com:5432/breachbot' })),
    DIGEST_CRON: optional(cronExpr),
    DIGEST_TZ: optional(timeZone),

    IMPORT_HIBP_URL: optional(httpUrl),
    /** The French list (bonjourlafuite) as CSV, in the columns of the bundled snapshot's source. */
    IMPORT_BONJOURLAFUITE_URL: optional(httpUrl),
    /** The HHS OCR breach portal's CSV export. */
    IMPORT_HHS_OCR_URL: optional(httpUrl),
    IMPORT_CRON: optional(cronExpr),

    /** Largest share of the catalog a hot reload may lose before it is refused (0..1, default 0.25). */
    CATALOG_MAX_LOSS: optional(z.coerce.number({ message: 'must be a number from 0 to 1, such as 0.25' }).min(0, 'must be a number from 0 to 1, such as 0.25').max(1, 'must be a number from 0 to 1, such as 0.25')),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_CLIENT_ID) {
      if (env.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'must not be set with SLACK_CLIENT_ID: one workspace uses SLACK_BOT_TOKEN, many use "Add to Slack" (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)' });
      if (!env.SLACK_CLIENT_SECRET) ctx.addIssue({ code: 'custom', path: ['SLACK_CLIENT_SECRET'], message: 'is required with SLACK_CLIENT_ID (the app\'s Client Secret)' });
      if (!env.SLACK_STATE_SECRET) ctx.addIssue({ code: 'custom', path: ['SLACK_STATE_SECRET'], message: 'is required with SLACK_CLIENT_ID (a random secret of at least 16 characters)' });
      if (env.SLACK_MODE !== 'http') ctx.addIssue({ code: 'custom', path: ['SLACK_MODE'], message: 'must be "http" with SLACK_CLIENT_ID (installs and requests arrive over HTTP)' });
      if (!env.SLACK_SIGNING_SECRET) ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_CLIENT_ID (the hexadecimal signing secret of the Slack app)' });
    } else if (env.SLACK_BOT_TOKEN) {
      const mode = env.SLACK_MODE ?? 'socket';
      if (mode === 'socket' && !env.SLACK_APP_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_APP_TOKEN'], message: 'is required in Socket Mode (an app-level token starting with "xapp-"), or set SLACK_MODE=http' });
      if (mode === 'http' && !env.SLACK_SIGNING_SECRET) ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required when SLACK_MODE=http (the hexadecimal signing secret of the Slack app)' });
    } else {
      for (const name of ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const) {
        if (env[name]) ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: `is required when ${name} is set (a bot token starting with "xoxb-")` });
      }
    }
  });

export interface SlackConfig {
  /** One workspace: its bot token. Unset with `oauth` (each workspace's token comes from its installation). */
  readonly botToken?: string;
  /** Many workspaces: "Add to Slack" (HTTP mode only). */
  readonly oauth?: { readonly clientId: string; readonly clientSecret: string; readonly stateSecret: string; readonly redirectUri?: string };
  readonly mode: 'socket' | 'http';
  readonly appToken?: string;
  readonly signingSecret?: string;
  readonly port: number;
  readonly apiUrl?: string;
  readonly adminUserIds: readonly string[];
}

export interface DiscordConfig {
  /** Gateway mode: the bot's connection; HTTP mode: REST posting only (digests, alerts), optional. */
  readonly token?: string;
  /** Set: interactions over HTTP (`/discord/interactions`), no gateway connection. */
  readonly publicKey?: string;
  /** Gateway mode: "auto" or a count; unset, one shard. */
  readonly shards?: 'auto' | number;
  readonly applicationId?: string;
  readonly guildId?: string;
  readonly apiUrl?: string;
}

export interface Config {
  readonly dataDir: string;
  /** The one HTTP server's port (Slack HTTP mode, Discord interactions, /healthz, /readyz, /metrics). */
  readonly port: number;
  /**
   * Whether the bot listens on `port`: when PORT is set, or when a platform needs the server
   * (SLACK_MODE=http, Slack's "Add to Slack", DISCORD_PUBLIC_KEY). Socket Mode and the Discord
   * gateway alone open no port unless PORT asks for the operations routes.
   */
  readonly listens: boolean;
  /** Where the compiled catalog snapshot lives; undefined when CATALOG_CACHE_DIR=off. */
  readonly cacheDir?: string;
  readonly language: 'en' | 'fr';
  readonly slack?: SlackConfig;
  readonly discord?: DiscordConfig;
  readonly stateDb: string;
  /** When set, all state lives in PostgreSQL (STATE_DB is then unused but for its folder). */
  readonly databaseUrl?: string;
  readonly digest: { readonly cron: string; readonly timeZone: string };
  readonly import: {
    /** Same as `urls.hibp` (kept for callers of the HIBP-only refresh). */
    readonly hibpUrl?: string;
    /** Each refreshable feed's URL, when set. */
    readonly urls: { readonly hibp?: string; readonly bonjourlafuite?: string; readonly 'hhs-ocr'?: string };
    readonly cron?: string;
  };
  /** Largest share of the catalog a hot reload may lose (CATALOG_MAX_LOSS; unset = the reloader's default, 0.25). */
  readonly catalogMaxLoss?: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Validates an environment (defaults to the process's) into a frozen config, or every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);
    return { ok: false, errors: [...new Set(errors)] };
  }
  const e = parsed.data;
  const slack: SlackConfig | undefined =
    e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID
    ? {
        ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}),
        ...(e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
          ? { oauth: Object.freeze({ clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET, ...(e.SLACK_REDIRECT_URL ? { redirectUri: e.SLACK_REDIRECT_URL } : {}) }) }
          : {}),
        mode: e.SLACK_MODE ?? 'socket',
        ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
        ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
        port: e.PORT ?? 3000,
        ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
        adminUserIds: e.SLACK_ADMIN_USER_IDS ? e.SLACK_ADMIN_USER_IDS.split(',').map((s) => s.trim()) : [],
      }
    : undefined;
  const discord: DiscordConfig | undefined =
    e.DISCORD_TOKEN || e.DISCORD_PUBLIC_KEY
    ? {
        ...(e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN } : {}),
        ...(e.DISCORD_PUBLIC_KEY ? { publicKey: e.DISCORD_PUBLIC_KEY.toLowerCase() } : {}),
        ...(e.DISCORD_SHARDS !== undefined ? { shards: e.DISCORD_SHARDS } : {}),
        ...(e.DISCORD_APPLICATION_ID ? { applicationId: e.DISCORD_APPLICATION_ID } : {}),
        ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
        ...(e.DISCORD_API_URL ? { apiUrl: e.DISCORD_API_URL } : {}),
      }
    : undefined;
  const config: Config = {
    dataDir: resolve(cwd, e.DATA_DIR ?? 'data'),
    port: e.PORT ?? 3000,
    listens: e.PORT !== undefined || slack?.mode === 'http' || slack?.oauth !== undefined || discord?.publicKey !== undefined,
    ...(e.CATALOG_CACHE_DIR?.trim() === 'off' ? {} : { cacheDir: resolve(cwd, e.CATALOG_CACHE_DIR ?? 'var/cache') }),
    language: e.BOT_LANGUAGE ?? 'en',
    ...(slack ? { slack: Object.freeze(slack) } : {}),
    ...(discord ? { discord: Object.freeze(discord) } : {}),
    stateDb: resolve(cwd, e.STATE_DB ?? 'var/breachbot.sqlite'),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    digest: Object.freeze({ cron: e.DIGEST_CRON ?? '0 9 * * *', timeZone: e.DIGEST_TZ ?? 'Europe/Paris' }),
    import: Object.freeze({
      ...(e.IMPORT_HIBP_URL ? { hibpUrl: e.IMPORT_HIBP_URL } : {}),
      urls: Object.freeze({
        ...(e.IMPORT_HIBP_URL ? { hibp: e.IMPORT_HIBP_URL } : {}),
        ...(e.IMPORT_BONJOURLAFUITE_URL ? { bonjourlafuite: e.IMPORT_BONJOURLAFUITE_URL } : {}),
        ...(e.IMPORT_HHS_OCR_URL ? { 'hhs-ocr': e.IMPORT_HHS_OCR_URL } : {}),
      }),
      ...(e.IMPORT_CRON ? { cron: e.IMPORT_CRON } : {}),
    }),
    ...(e.CATALOG_MAX_LOSS !== undefined ? { catalogMaxLoss: e.CATALOG_MAX_LOSS } : {}),
  };
  return { ok: true, config: Object.freeze(config) };
}
