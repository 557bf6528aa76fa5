/**
 * The slash command bodies built from `commands/`: Discord's schema, the rules it leaves out,
 * French localizations, subcommands and admin default permissions.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandDefinition, type CommandRequest } from '../../commands/index.js';
import { ADMIN_DEFAULT_PERMISSIONS, buildDiscordCommands, checkCommandLimits, type DiscordCommandBody } from '../../src/discord/index.js';
import { schemaErrors } from './payload-schema.js';

/** The spec types permission bitsets as integers; discord.js sends strings. */
const forSchema = (b: DiscordCommandBody) => ({ ...b, ...(b.default_member_permissions != null ? { default_member_permissions: Number(b.default_member_permissions) } : {}) });

const watch: CommandDefinition<CommandRequest> = {
  name: 'watch',
  discordName: 'breach-watch',
  discordNameFr: 'fuite-veille',
  description: { en: 'Watch vendors and organizations', fr: 'Surveiller des prestataires et organisations' },
  usage: { en: '/breach watch add <name>', fr: '/breach watch add <name>' },
  examples: [],
  options: [],
  subcommands: [
    { name: 'add', nameFr: 'ajouter', description: { en: 'Watch a name', fr: 'Surveiller un nom' }, options: [{ name: 'name', nameFr: 'nom', type: 'string', required: true, autocomplete: true, maxLength: 100, description: { en: 'Vendor or organization', fr: 'Prestataire ou organisation' } }] },
    { name: 'list', nameFr: 'liste', description: { en: 'What this channel watches', fr: 'Ce que ce salon surveille' }, options: [] },
  ],
  adminOnly: true,
  parseText: () => ({ command: 'watch' }),
  fromOptions: () => ({ command: 'watch' }),
};

describe('GIVEN the command definitions in commands/', () => {
  const bodies = buildDiscordCommands(COMMANDS);

  it('THEN there is one body per definition, named as Discord users type them', () => {
    expect(bodies.map((b) => b.name)).toEqual(COMMANDS.map((c) => c.discordName));
    expect(bodies.map((b) => b.name)).toEqual(expect.arrayContaining(['breach', 'breach-latest', 'breach-stats', 'breach-show', 'breach-help']));
  });

  it("THEN every body passes Discord's schema and the limits it leaves out", () => {
    for (const b of bodies) {
      expect(schemaErrors('ApplicationCommandCreateRequest', forSchema(b))).toEqual([]);
      expect(checkCommandLimits(b)).toEqual([]);
      expect(JSON.stringify(b).length).toBeLessThan(8000);
    }
  });

  it('THEN /breach has a required autocompleted query first, then the filters, with French names', () => {
    const breach = bodies[0]!;
    expect(breach.name_localizations).toEqual({ fr: 'fuite' });
    expect(breach.description_localizations?.fr).toMatch(/^Chercher des fuites/);
    const [query, ...rest] = breach.options as unknown as Record<string, unknown>[];
    expect(query).toMatchObject({ name: 'query', type: 3, required: true, autocomplete: true, max_length: 200, name_localizations: { fr: 'recherche' } });
    expect(rest.map((o) => o.name)).toEqual(['data', 'year', 'country', 'vendor']);
    expect(rest.every((o) => o.required === false)).toBe(true);
    const data = rest[0] as { choices: { name: string; name_localizations: { fr: string }; value: string }[] };
    expect(data.choices.length).toBeLessThanOrEqual(25);
    expect(data.choices[0]).toMatchObject({ value: expect.any(String), name_localizations: { fr: expect.any(String) } });
    expect(rest[1]).toMatchObject({ type: 4, min_value: 1990, max_value: 2049 });
  });

  it('THEN admin-only definitions, and only they, carry default member permissions', () => {
    COMMANDS.forEach((c, i) => expect([c.discordName, bodies[i]!.default_member_permissions]).toEqual([c.discordName, c.adminOnly ? ADMIN_DEFAULT_PERMISSIONS : undefined]));
    expect(bodies.find((b) => b.name === 'breach')!.default_member_permissions).toBeUndefined();
  });

  it('THEN /breach-status, the read-only view of a channel\'s digest and watchlist, is there for every member', () => {
    const status = bodies.find((b) => b.name === 'breach-status');
    expect(status).toMatchObject({ name_localizations: { fr: 'fuite-statut' } });
    expect(status!.default_member_permissions).toBeUndefined();
  });

  it('THEN /breach-digest and /breach-watch (they change channel settings) are shown by default only to members who can manage channels', () => {
    expect(ADMIN_DEFAULT_PERMISSIONS).toBe(String(1 << 4)); // Manage Channels
    const restricted = bodies.filter((b) => b.default_member_permissions != null).map((b) => [b.name, b.default_member_permissions]);
    expect(restricted).toEqual([
      ['breach-digest', ADMIN_DEFAULT_PERMISSIONS],
      ['breach-watch', ADMIN_DEFAULT_PERMISSIONS],
    ]);
  });
});

describe('GIVEN an admin-only command with subcommands', () => {
  const [body] = buildDiscordCommands([watch]);

  it('THEN it registers subcommands (type 1) with their options, localized, behind default member permissions', () => {
    expect(body!.default_member_permissions).toBe(ADMIN_DEFAULT_PERMISSIONS);
    expect(body!.options!.map((o) => [o.type, o.name, o.name_localizations?.fr])).toEqual([
      [1, 'add', 'ajouter'],
      [1, 'list', 'liste'],
    ]);
    expect((body!.options![0] as { options: unknown[] }).options[0]).toMatchObject({ type: 3, name: 'name', required: true, autocomplete: true, name_localizations: { fr: 'nom' } });
    expect(schemaErrors('ApplicationCommandCreateRequest', forSchema(body!))).toEqual([]);
    expect(checkCommandLimits(body!)).toEqual([]);
  });
});

describe('GIVEN definitions that break Discord rules', () => {
  it('THEN the check names each problem instead of letting Discord refuse the deploy', () => {
    const bad: CommandDefinition<CommandRequest> = {
      ...watch,
      discordName: 'Breach Watch',
      subcommands: undefined,
      description: { en: 'x'.repeat(101), fr: 'ok' },
      options: [
        { name: 'optional', type: 'string', description: { en: 'a', fr: 'a' } },
        { name: 'needed', type: 'string', required: true, description: { en: 'b', fr: 'b' }, choices: Array.from({ length: 30 }, (_, i) => ({ name: { en: `c${i}`.repeat(30), fr: `c${i}`.repeat(40) }, value: `v${i}`.repeat(60) })) },
      ],
    };
    const [body] = buildDiscordCommands([bad]);
    const problems = checkCommandLimits(body!).join('\n');
    // Built bodies put required options first; the order check is exercised on a raw body too.
    expect(problems).toContain('name "Breach Watch"');
    expect(problems).toContain('description must be 1-100');
    expect(problems).toContain('30 choices');
    expect(problems).toContain('characters in all, at most 8000');
    const raw = { ...body!, name: 'ok', description: 'ok', options: [...body!.options!].reverse().map((o) => ({ ...o, choices: undefined })) } as DiscordCommandBody;
    expect(checkCommandLimits(raw).join('\n')).toContain('a required option after an optional one');
  });
});
