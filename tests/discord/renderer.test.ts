/**
 * The pure renderers: equality on a small answer, Discord's schemas and limits on the biggest
 * answers the core can produce, and hostile text (mentions, markdown, 6,000 characters).
 */
import { describe, expect, it } from 'vitest';
import type { Answer, MessageAnswer } from '../../src/core/answer.js';
import { answerToDiscordMessage, answerToDiscordMessages, decodeButton, encodeButton, type DiscordMessage } from '../../src/discord/index.js';
import { coreOf, hugeIncident, HOSTILE_TEXT } from './fixtures.js';
import { embedChars, limitProblems, schemaErrors } from './payload-schema.js';

/** The REST body discord.js sends for a reply: snake_case `allowed_mentions`, flags for ephemeral. */
function replyBody(m: DiscordMessage) {
  return {
    ...(m.content ? { content: m.content } : {}),
    embeds: m.embeds,
    components: m.components,
    allowed_mentions: { parse: [...m.allowedMentions.parse] },
    ...(m.ephemeral ? { flags: 64 } : {}),
  };
}

function expectValid(m: DiscordMessage): void {
  expect(limitProblems(m)).toEqual([]);
  expect(schemaErrors('CreateMessageInteractionCallbackRequest', { type: 4, data: replyBody(m) })).toEqual([]);
  const { flags: _f, ...post } = replyBody(m);
  expect(schemaErrors('MessageCreateRequest', post)).toEqual([]);
  expect(m.allowedMentions).toEqual({ parse: [] });
}

const acme = coreOf([
  {
    id: 'acme-2024',
    title: { en: 'Acme: customer emails leaked', fr: 'Acme : fuite des e-mails clients' },
    organization: { name: 'Acme', country: 'FR' },
    addedAt: '2026-01-01T00:00:00Z',
    dates: { disclosed: '2024-03-05' },
    records: { total: { count: 45000, qualifier: 'approximate', who: { en: 'customers', fr: 'clients' } } },
    dataClasses: ['Email addresses'],
    vendors: [{ name: 'Mailer Co', role: { en: 'newsletter provider', fr: 'prestataire de newsletter' } }],
    summary: { en: 'Emails leaked.', fr: 'Des e-mails ont fuité.' },
    sources: [{ publisher: 'Le Monde', title: 'Acme leak', date: '2024-03', language: 'fr', url: 'https://example.org/acme' }],
    verified: true,
  },
]);

describe('GIVEN a one-incident answer', () => {
  it('THEN the English message is exactly the heading, one embed with the facts, and a details button', () => {
    expect(answerToDiscordMessage(acme.execute({ command: 'search', query: 'acme' }), 'en')).toEqual({
      content: '**1 incident for “acme”**',
      embeds: [
        {
          title: '1. Acme: customer emails leaked',
          url: 'https://example.org/acme',
          description: 'Acme — France',
          color: 0x5865f2,
          fields: [
            { name: 'When', value: 'disclosed on 5 March 2024' },
            { name: 'How many', value: 'about 45,000 customers' },
            { name: 'Data', value: 'email addresses' },
            { name: 'Vendor', value: 'Mailer Co (newsletter provider)' },
            { name: 'Matched on', value: 'organization “Acme”, title' },
            { name: 'Sources', value: '• [Le Monde — Acme leak (March 2024)](https://example.org/acme)' },
          ],
          footer: { text: 'acme-2024' },
        },
      ],
      components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Details: 1. Acme', custom_id: 'bb|d|acme-2024' }] }],
      allowedMentions: { parse: [] },
      ephemeral: false,
    });
  });

  it('THEN the French message words everything in French', () => {
    const m = answerToDiscordMessage(acme.execute({ command: 'search', query: 'acme' }), 'fr');
    expect(m.content).toBe('**1 incident pour «\u202facme\u202f»**');
    expect(m.embeds[0]!.title).toBe('1. Acme\u202f: fuite des e-mails clients');
    expect(m.embeds[0]!.fields!.map((f) => `${f.name}=${f.value}`)).toEqual([
      'Quand=révélé le 5 mars 2024',
      'Combien=environ 45\u202f000 clients',
      'Données=adresses e-mail',
      'Prestataire=Mailer Co (prestataire de newsletter)',
      'Trouvé par=organisation «\u202fAcme\u202f», titre',
      'Sources=• [Le Monde — Acme leak (mars 2024)](https://example.org/acme)',
    ]);
    expect(m.components[0]!.components[0]).toMatchObject({ label: 'Détails\u202f: 1. Acme' });
  });

  it('THEN when, how many and which data are always shown, "not stated" when the sources do not say', () => {
    const quiet = coreOf([
      {
        id: 'quiet-2023',
        title: { en: 'Quiet Ltd: an intrusion', fr: 'Quiet Ltd : une intrusion' },
        organization: { name: 'Quiet Ltd' },
        addedAt: '2026-01-01T00:00:00Z',
        summary: { en: 'An intrusion.', fr: 'Une intrusion.' },
        sources: [{ publisher: 'Blog', title: 'Quiet', language: 'en', reference: 'blog' }],
        verified: false,
      },
    ]);
    const fields = (lang: 'en' | 'fr', answer: Answer) => answerToDiscordMessage(answer, lang).embeds[0]!.fields!.map((f) => `${f.name}=${f.value}`);
    const list = quiet.execute({ command: 'search', query: 'quiet' });
    expect(fields('en', list).slice(0, 3)).toEqual(['When=not stated', 'How many=not stated', 'Data=not stated']);
    expect(fields('fr', list).slice(0, 3)).toEqual(['Quand=non précisé', 'Combien=non précisé', 'Données=non précisé']);
    expect(fields('en', quiet.execute({ command: 'show', id: 'quiet-2023' }))).toEqual(expect.arrayContaining(['When=not stated', 'How many=not stated', 'Data=not stated']));
    expect(fields('en', list).some((f) => f.startsWith('Vendor='))).toBe(false);
  });

  it('THEN errors, help and unknown ids are ephemeral; results and no-results are not', () => {
    const kinds: [Answer, boolean][] = [
      [acme.execute({ command: 'search', query: '' }), true],
      [acme.execute({ command: 'help' }), true],
      [acme.execute({ command: 'show', id: 'nope' }), true],
      [acme.execute({ command: 'search', query: 'acme' }), false],
      [acme.execute({ command: 'search', query: 'zzzzqqq' }), false],
      [acme.execute({ command: 'stats' }), false],
    ];
    for (const [answer, ephemeral] of kinds) expect({ kind: answer.kind, ephemeral: answerToDiscordMessage(answer, 'en').ephemeral }).toEqual({ kind: answer.kind, ephemeral });
  });

  it('THEN a no-results answer offers its suggestions as buttons that search them', () => {
    const m = answerToDiscordMessage(acme.execute({ command: 'search', query: 'zzzqqq' }), 'en');
    const ids = m.components.flatMap((r) => r.components).map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.map((id) => decodeButton(id))).toContainEqual({ kind: 'suggestion', query: 'Acme' });
    expectValid(m);
  });
});

describe('GIVEN button state in custom_id', () => {
  it('THEN every state round-trips, and a state over 100 characters is refused rather than cut', () => {
    const states = [
      { kind: 'search-page', query: 'orange | data:"Email addresses"', page: 3, size: 5, total: 42 },
      { kind: 'latest-page', page: 2, size: 5, total: 9 },
      { kind: 'details', id: 'orange-2014-04' },
      { kind: 'suggestion', query: 'Ticketmaster' },
    ] as const;
    for (const s of states) expect(decodeButton(encodeButton(s)!)).toEqual(s);
    expect(encodeButton({ kind: 'search-page', query: 'q'.repeat(95), page: 1, size: 5, total: 1 })).toBeUndefined();
    expect(decodeButton('bb|p|0|5|1|x')).toBeUndefined();
    expect(decodeButton('other|d|x')).toBeUndefined();
  });

  it('THEN a query too long for a page button says how to see more instead of breaking the message', () => {
    const core = coreOf(Array.from({ length: 7 }, (_, i) => hugeIncident(i)));
    const query = `megacorp ${'leaked everything '.repeat(5)}`.trim();
    const answer = core.execute({ command: 'search', query });
    expect(answer.kind === 'results' && answer.page.count).toBe(2);
    const m = answerToDiscordMessage(answer, 'en');
    expect(m.content).toContain('narrow your query');
    expectValid(m);
  });
});

describe('GIVEN the biggest answers the core can produce (100 matches, longest fields)', () => {
  const core = coreOf(Array.from({ length: 100 }, (_, i) => hugeIncident(i)));

  it('THEN a 100-match page fits every embed and component limit, with a "more" note', () => {
    const answer = core.execute({ command: 'search', query: 'megacorp', pageSize: 100 });
    expect(answer.kind === 'results' && answer.matches.length).toBe(100);
    for (const lang of ['en', 'fr'] as const) {
      const m = answerToDiscordMessage(answer, lang);
      expectValid(m);
      expect(m.embeds.length).toBe(10);
      expect(embedChars(m.embeds)).toBeLessThanOrEqual(6000);
      expect(m.content).toContain(lang === 'en' ? '90 more not shown' : '90 de plus');
    }
  });

  it('THEN a default page of 5 shows all 5, each shortened to share the 6,000 characters, with paging buttons', () => {
    const m = answerToDiscordMessage(core.execute({ command: 'search', query: 'megacorp' }), 'en');
    expectValid(m);
    expect(m.embeds.length).toBe(5);
    const labels = m.components.flatMap((r) => r.components).map((b) => ('label' in b ? b.label : ''));
    expect(labels).toEqual(expect.arrayContaining(['◀ Previous', 'Next ▶']));
    expect(m.embeds.every((e) => (e.title ?? '').endsWith('…'))).toBe(true);
  });

  it('THEN the detail view, stats, latest and not-found stay within limits', () => {
    const answers: Answer[] = [
      core.execute({ command: 'show', id: hugeIncident(3).id }),
      core.execute({ command: 'stats' }),
      core.execute({ command: 'latest', pageSize: 100 }),
      core.execute({ command: 'show', id: 'megacorp' }),
      core.execute({ command: 'search', query: `${'zq'.repeat(90)}` }),
    ];
    for (const a of answers) for (const lang of ['en', 'fr'] as const) expectValid(answerToDiscordMessage(a, lang));
  });

  it('THEN a digest of 100 incidents is split into posts that each fit, losing none', () => {
    const digest: MessageAnswer = {
      kind: 'message',
      tone: 'info',
      outcome: { kind: 'watch-alert', names: ['x'.repeat(3000)], clients: [] },
      incidents: core.catalog.incidents,
    };
    const posts = answerToDiscordMessages(digest, 'en');
    expect(posts.length).toBeGreaterThan(10);
    for (const p of posts) {
      expectValid(p);
      expect(p.ephemeral).toBe(false);
    }
    expect(posts.reduce((n, p) => n + p.embeds.length, 0)).toBe(100);
    expect(posts[0]!.content).toMatch(/^Watchlist alert: 100 new incidents name “x{100}/);
    expect(posts.at(-1)!.content).toContain('Details of any of them: `/breach-show id:<id>`');
    // As one interaction reply, it is cut to one message with a "more" note.
    const single = answerToDiscordMessage(digest, 'en');
    expectValid(single);
    expect(single.content).toContain('90 more not shown');
  });
});

describe('GIVEN hostile text in queries and in catalog records', () => {
  const core = coreOf([hugeIncident(1, true), hugeIncident(2, true)]);
  const rendered = (a: Answer) => [answerToDiscordMessage(a, 'en'), answerToDiscordMessage(a, 'fr')];
  const answers: Answer[] = [
    core.execute({ command: 'search', query: 'megacorp1' }),
    core.execute({ command: 'show', id: hugeIncident(1).id }),
    core.execute({ command: 'search', query: '@everyone <@&123456789012345678> **bold**' }),
    core.execute({ command: 'search', query: HOSTILE_TEXT.replace(/\n/g, ' ').slice(0, 190) }),
    core.execute({ command: 'search', query: 'x'.repeat(6000) }),
    core.execute({ command: 'show', id: '@everyone' }),
    { kind: 'message', tone: 'error', outcome: { kind: 'watch-alert', names: [HOSTILE_TEXT.repeat(100)], clients: [{ vendor: HOSTILE_TEXT, client: HOSTILE_TEXT }] }, incidents: core.catalog.incidents },
    { kind: 'message', tone: 'success', outcome: { kind: 'watch-added', name: HOSTILE_TEXT, added: true, alreadyNamed: 2 }, incidents: [] },
  ];

  it('THEN every payload allows no mentions and stays within limits', () => {
    for (const a of answers) for (const m of rendered(a)) expectValid(m);
    for (const a of answers) for (const m of answerToDiscordMessages(a, 'en')) expectValid(m);
  });

  it('THEN no mention, masked link or markdown from the data survives as markup', () => {
    for (const a of answers) {
      for (const m of rendered(a)) {
        // Footers show no markdown and no mentions as such; they are only checked for mention syntax.
        for (const footer of m.embeds.map((e) => e.footer?.text ?? '')) expect(footer).not.toMatch(/@(everyone|here)|<[@#]/);
        const texts = [m.content ?? '', ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])];
        for (const t of texts) {
          expect(t).not.toMatch(/@(everyone|here)/);
          expect(t).not.toMatch(/<[@#]/);
          expect(t).not.toContain('[click](https://evil.example');
          expect(t).not.toMatch(/(^|[^\\])\*\*bold/);
          expect(t).not.toMatch(/(^|[^\\])\|\|spoiler/);
        }
      }
    }
  });

  it('THEN source links stay links, with parentheses in URLs encoded so they cannot end the link early', () => {
    const m = answerToDiscordMessage(core.execute({ command: 'show', id: hugeIncident(1).id }), 'en');
    const sources = m.embeds[0]!.fields!.find((f) => f.name === 'Sources')!.value;
    expect(sources).toMatch(/\]\(https:\/\/news\.example\/article-0_%28y+%29\?q=1\)/);
  });
});
