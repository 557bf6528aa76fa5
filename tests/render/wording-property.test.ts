/**
 * The whole bundled catalog, rendered in English and French by every renderer (terminal text,
 * Slack Block Kit, Discord embeds), as an incident in full and in lists: no English label in
 * French, no French in English, no elision, plural, preposition or typography slip, no field
 * path, no doubled quotes (tests/helpers/wording-checks.ts). The checks are first shown to catch
 * the slips readers reported.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Incident } from '../../src/core/incident-schema.js';
import type { Lang } from '../../src/core/lang.js';
import { answerToDiscordMessage } from '../../src/discord/answer-to-message.js';
import { renderText } from '../../src/render/text-renderer.js';
import { answerToBlocks } from '../../src/slack/answer-blocks.js';
import { realCore } from '../helpers/catalog-fixtures.js';
import { dataStrings, unmarked, visibleText, wordingViolations, type Violation } from '../helpers/wording-checks.js';

const RENDERERS: Record<string, (answer: Answer, lang: Lang) => string> = {
  terminal: (a, l) => renderText(a, l),
  slack: (a, l) => unmarked(visibleText(answerToBlocks(a, l))),
  discord: (a, l) => unmarked(visibleText(answerToDiscordMessage(a, l))),
};

describe('GIVEN the slips readers reported', () => {
  const incident = realCore().incident('orange-2014-04')!;
  const check = (text: string, lang: Lang) => wordingViolations(text, lang, [incident]).map((v) => v.rule);
  it('THEN the checks catch each of them', () => {
    expect(check('Quand : survenu septembre 2022 au octobre 2022', 'fr')).toContain('preposition');
    expect(check('Quand : découvert 18 avril 2014', 'fr')).toContain('preposition');
    expect(check('Combien : 1,6 million de utilisateurs', 'fr')).toContain('elision');
    expect(check('Combien : 3 milliards de entrées', 'fr')).toContain('elision');
    expect(check('Combien : 2 million de comptes', 'fr')).toContain('plural');
    expect(check('Réponse: oui', 'fr')).toContain('typography');
    expect(check('Trouvé par : organisation “Orange”', 'fr')).toContain('English quotes');
    expect(check('Source: bonjourlafuite.eu.org (MIT)', 'fr')).toContain('English credit');
    expect(check('Non précisé par les sources : dates.occurred (day), vendors', 'fr')).toContain('field path');
    expect(check('Not stated: sources[0].publisher, affected[2].records', 'en')).toContain('field path');
    expect(check('Matched on: organization ““Help At Home"”', 'en')).toContain('doubled quotes');
    expect(check('Data: names, Suivi des courriers, Numéro d’adhérent', 'en')).toContain('French word');
    expect(check('Sources : Orange — breach record (mai 2014)', 'fr')).toContain('English word');
    expect(check('Par source : curated 9', 'fr')).toContain('English word');
    expect(check('Établi à partir de sources publiques — les dates\u202f: The article prints no year.', 'fr')).toEqual([]);
  });
});

describe('GIVEN the whole bundled catalog', () => {
  const core = realCore();
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const a = core.execute({ command: 'latest', page, pageSize: 100 });
    if (a.kind !== 'results' || a.matches.length === 0) break;
    ids.push(...a.matches.map((m) => m.incident.id));
    if (page >= a.page.count) break;
  }

  it('THEN every incident, in full and in lists, reads right in both languages on every renderer', () => {
    const found: (Violation & { where: string })[] = [];
    let renders = 0;
    const judge = (answer: Answer, incidents: readonly Incident[], where: string) => {
      const data = dataStrings(incidents);
      for (const lang of ['en', 'fr'] as const) {
        for (const [name, render] of Object.entries(RENDERERS)) {
          renders++;
          for (const v of wordingViolations(render(answer, lang), lang, incidents, data)) found.push({ ...v, where: `${where} ${name} ${lang}` });
        }
      }
    };
    for (const id of ids) {
      const answer = core.execute({ command: 'show', id });
      if (answer.kind !== 'incident') throw new Error(`show ${id} gave ${answer.kind}`);
      judge(answer, [answer.incident, ...answer.related], id);
    }
    for (let page = 1; page <= Math.ceil(ids.length / 5); page++) {
      const answer = core.execute({ command: 'latest', page, pageSize: 5 });
      if (answer.kind === 'results') judge(answer, answer.matches.map((m) => m.incident), `latest page ${page}`);
    }
    const stats = core.execute({ command: 'stats' });
    judge(stats, stats.kind === 'stats' ? stats.stats.biggest : [], 'stats');
    const byRule = new Map<string, number>();
    for (const v of found) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
    expect(ids.length).toBeGreaterThan(8000);
    expect(renders).toBe((ids.length + Math.ceil(ids.length / 5) + 1) * 6);
    const samples = [...byRule.keys()].flatMap((rule) => found.filter((v) => v.rule === rule).slice(0, 4));
    expect({ byRule: Object.fromEntries(byRule), samples }).toEqual({ byRule: {}, samples: [] });
  }, 600_000);
});
