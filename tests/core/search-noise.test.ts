/**
 * Noise a security team meets every day, swept over the bundled catalog rather than shown on a
 * few examples:
 * - a short word the catalog holds as typed (in a text, a reporter's site, a name) is never read
 *   as another word ("cnil", cited by bonjourlafuite's records, is not "Anil Mehta, MD");
 * - an answer reached only through a typo says which spelling it read ("did you mean");
 * - a question made only of words every incident answers to ("breach", "fuites de données",
 *   "data leak") lists the latest incidents with a hint to narrow it, not "8,107 matches";
 * - and those words change nothing next to real filters.
 */
import { describe, expect, it } from 'vitest';
import type { Answer, Match, ResultsAnswer } from '../../src/core/answer.js';
import { nameTerms } from '../../src/core/name-index.js';
import { hasFilters } from '../../src/core/query-parser.js';
import { KIND_WORDS, QUESTION_WORDS } from '../../src/core/query-words.js';
import { STOP_WORDS, tokenize } from '../../src/core/text-folding.js';
import { editDistanceWithin } from '../../src/core/edit-distance.js';
import { renderText } from '../../src/render/text-renderer.js';
import { formatNumber } from '../../src/render/format.js';
import { realCore } from '../helpers/catalog-fixtures.js';

const core = realCore();
const incidents = core.catalog.incidents;
const search = (query: string, pageSize = 10): Answer => core.execute({ command: 'search', query, pageSize });

/**
 * Every word an incident carries anywhere: its record (names, texts, sources and their URLs), the
 * names the index files it under (curated aliases included, with adjacent words joined), and the
 * words its text matched on (the data types' synonyms are searchable too).
 */
function wordsOf(match: Match): Set<string> {
  const out = new Set(tokenize(JSON.stringify(match.incident)));
  const at = core.records.position(match.incident.id)!;
  for (const id of core.index.namesOf(at)) for (const w of nameTerms(core.index.nameIndex.nameText[id]!)) out.add(w);
  for (const r of match.reasons) if (!('value' in r)) for (const t of r.terms) out.add(t);
  return out;
}

/** True when the incident holds `word` as typed: whole, or as the start of one of its words. */
function holdsAsTyped(match: Match, word: string): boolean {
  for (const w of wordsOf(match)) if (w === word || w.startsWith(word)) return true;
  return false;
}

/** A word searched alone, when the parser leaves it as the one word to search. */
function searchedAsIs(word: string): boolean {
  const parsed = core.parse(word);
  return parsed.ok && parsed.query.terms.length === 1 && parsed.query.terms[0] === word;
}

/** Every `step`-th item of a sorted list, so a sweep spans it without depending on a seed. */
function spread<T>(items: readonly T[], max: number): T[] {
  const step = Math.max(1, Math.floor(items.length / max));
  return items.filter((_, k) => k % step === 0).slice(0, max);
}

const SHORT = /^[a-z]{4,5}$/;

describe('GIVEN short words (4–5 letters) the bundled catalog holds as typed', () => {
  // The words only a reporter's site carries (cnil.fr, next.ink…) are the kind that went wrong;
  // then a spread of the short words of titles, summaries and names.
  const sourceWords = new Set<string>();
  for (const inc of incidents) {
    for (const s of inc.sources) {
      if (s.url) for (const w of tokenize(new URL(s.url).hostname)) if (SHORT.test(w)) sourceWords.add(w);
    }
  }
  const textWords = new Set<string>();
  for (const inc of spread(incidents, 800)) {
    for (const w of tokenize(`${inc.organization.name} ${inc.title?.en ?? ''} ${inc.summary.en}`)) if (SHORT.test(w) && !STOP_WORDS.has(w)) textWords.add(w);
  }
  const held = (w: string) => core.index.textIndex.get(w) !== undefined || core.index.isNameWord(w);
  const words = [...new Set([...sourceWords, ...spread([...textWords].filter(held).sort(), 300)])].filter(searchedAsIs);

  it('THEN every incident listed for one of them holds it as typed, and no "did you mean" is shown', () => {
    expect(sourceWords.has('cnil')).toBe(true);
    expect(words.length).toBeGreaterThan(250);
    const misread: string[] = [];
    for (const w of words) {
      const answer = search(w);
      expect(answer.kind, w).toBe('results');
      if (answer.kind !== 'results') continue;
      if (answer.note) misread.push(`${w}: note ${answer.note.kind}`);
      for (const m of answer.matches) if (!holdsAsTyped(m, w)) misread.push(`${w} → ${m.incident.id}`);
    }
    expect(misread).toEqual([]);
  });

  it('THEN "cnil" lists the incidents the CNIL reported on, saying it matched their source', () => {
    const answer = search('cnil');
    expect(answer.kind).toBe('results');
    if (answer.kind !== 'results') return;
    expect(answer.matches.map((m) => m.incident.id)).toContain('blf-france-travail-2024-03-08');
    for (const m of answer.matches) expect(m.reasons.some((r) => r.field === 'source' && r.terms.includes('cnil'))).toBe(true);
  });

  it('THEN none is read as another word either when a year or a data type leaves none of its incidents', () => {
    // The second, relaxed pass (typos around known words when nothing holds every word) spares short words.
    const misread: string[] = [];
    for (const w of spread(words, 80)) {
      for (const filter of ['2012', '2016', '2020', 'data:passwords']) {
        const answer = search(`${w} ${filter}`);
        if (answer.kind === 'results') for (const m of answer.matches) if (!holdsAsTyped(m, w)) misread.push(`${w} ${filter} → ${m.incident.id}`);
      }
    }
    expect(misread).toEqual([]);
  });
});

describe('GIVEN 3-letter words the bundled catalog holds as typed (acronyms: att, caf, hhs, ovh, sfr…)', () => {
  const words = new Set<string>();
  for (const inc of spread(incidents, 3000)) for (const w of tokenize(`${inc.organization.name} ${inc.title?.en ?? ''} ${inc.sources.map((s) => (s.url ? new URL(s.url).hostname : '')).join(' ')}`)) if (/^[a-z]{3}$/.test(w)) words.add(w);
  const held = [...words].filter((w) => (core.index.textIndex.get(w) !== undefined || core.index.isNameWord(w)) && searchedAsIs(w)).sort();

  it('THEN each is taken whole: no incident is listed only for a longer word starting with it ("att" is not "attorney")', () => {
    expect(held.length).toBeGreaterThan(100);
    const longer: string[] = [];
    for (const w of held) {
      const answer = search(w, 20);
      if (answer.kind !== 'results') continue;
      for (const m of answer.matches) if (!wordsOf(m).has(w)) longer.push(`${w} → ${m.incident.id}`);
    }
    expect(longer).toEqual([]);
  });
});

describe('GIVEN words of names with a typo no incident holds', () => {
  // One letter changed in the middle of name words of 4 to 7 letters.
  const nameWords = new Set<string>();
  for (const inc of spread(incidents, 1500)) for (const w of tokenize(inc.organization.name)) if (/^[a-z]{4,7}$/.test(w) && !STOP_WORDS.has(w)) nameWords.add(w);
  const typos: string[] = [];
  for (const w of spread([...nameWords].sort(), 200)) {
    const at = w.length >> 1;
    const typo = w.slice(0, at) + (w[at] === 'q' ? 'z' : 'q') + w.slice(at + 1);
    if (core.index.textIndex.get(typo) === undefined && !core.index.isNameWord(typo) && searchedAsIs(typo)) typos.push(typo);
  }

  it('THEN an answer reached only through the typo says what it read it as, a spelling one edit away that the listed names hold', () => {
    expect(typos.length).toBeGreaterThan(120);
    let noted = 0;
    const silent: string[] = [];
    for (const typo of typos) {
      const answer = search(typo);
      if (answer.kind !== 'results' || answer.matches.some((m) => holdsAsTyped(m, typo))) continue;
      const read = answer.note?.kind === 'typo' ? answer.note.read.find((r) => r.typed === typo) : undefined;
      if (!read) {
        silent.push(typo);
        continue;
      }
      noted++;
      for (const as of read.as) {
        expect(editDistanceWithin(typo, as, 1), `${typo} read as ${as}`).toBe(1);
        expect(answer.matches.some((m) => wordsOf(m).has(as)), `${typo} read as ${as}`).toBe(true);
      }
    }
    expect(silent).toEqual([]);
    expect(noted).toBeGreaterThan(50);
  });

  it('THEN the note reads in both languages above the list, and the count is not said to be for the typo', () => {
    const answer = search('cnzl');
    expect(answer.kind).toBe('no-results');
    const sirus = search('sirus') as ResultsAnswer;
    expect(sirus.note).toEqual({ kind: 'typo', read: [{ typed: 'sirus', as: ['sirius'] }] });
    expect(renderText(sirus, 'en').split('\n')[0]).toBe('Nothing holds “sirus” as typed; did you mean “sirius”? 1 incident');
    expect(renderText(sirus, 'fr').split('\n')[0]).toBe('Rien ne contient «\u202fsirus\u202f» tel quel\u202f; vouliez-vous dire «\u202fsirius\u202f»\u202f? 1 incident');
  });
});

/** Every word the parser takes as saying "an incident", no more: breach kind words and question words, none of them a name word here. */
const GENERIC = [...[...KIND_WORDS].filter(([, kind]) => kind === 'breach').map(([w]) => w), ...QUESTION_WORDS].filter((w) => {
  const parsed = core.parse(w);
  return parsed.ok && parsed.query.terms.length === 0 && !hasFilters(parsed.query.filters) && parsed.query.sort === 'relevance';
});

describe('GIVEN questions made only of words every incident answers to, in English and French', () => {
  const questions = [...GENERIC, 'data breach', 'data breaches', 'fuite de données', 'fuites de données', 'violation de données', 'piratage', 'hack', 'leak', 'the', 'les', 'des fuites', 'a data leak', 'any breaches?'];
  const newest = core.index.newestFirst.slice(0, 5).map((i) => core.records.ids[i]);

  it('THEN each lists the latest incidents with a hint to narrow it, never "N incidents" as if all matched', () => {
    expect(GENERIC.length).toBeGreaterThan(100);
    const count = (lang: 'en' | 'fr') => formatNumber(core.size, lang);
    const wrong: string[] = [];
    for (const q of questions) {
      const answer = core.execute({ command: 'search', query: q });
      if (answer.kind !== 'results' || answer.note?.kind !== 'too-broad') {
        wrong.push(`${q}: ${answer.kind}${answer.kind === 'results' ? ` ${answer.total}` : ''}`);
        continue;
      }
      expect(answer.matches.map((m) => m.incident.id), q).toEqual(newest);
      for (const lang of ['en', 'fr'] as const) {
        const head = renderText(answer, lang).split('\n')[0]!;
        expect(head, q).not.toContain(count(lang));
        expect(head, q).toMatch(lang === 'fr' ? /les plus récents.*Ajoutez-en un/ : /latest incidents.*Add one/);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('THEN next to real filters they change nothing: the filters answer as they do alone, with no hint', () => {
    const pairs: [withWords: string, alone: string][] = [
      ['fuites de mots de passe en 2024', 'data:passwords year:2024'],
      ['breaches with social security numbers', 'data:ssn'],
      ['biggest breaches in France', 'country:FR sort:size'],
      ['latest data leaks', 'sort:date'],
      ...spread(GENERIC, 40).map((g): [string, string] => [`${g} 2023`, 'year:2023']),
      ...spread(GENERIC, 40).map((g): [string, string] => [`${g} country:GB`, 'country:GB']),
    ];
    for (const [q, alone] of pairs) {
      const a = search(q, 5);
      const b = search(alone, 5);
      expect(a.kind, q).toBe('results');
      if (a.kind !== 'results' || b.kind !== 'results') continue;
      expect(a.note, q).toBeUndefined();
      expect([a.total, a.matches.map((m) => m.incident.id)], q).toEqual([b.total, b.matches.map((m) => m.incident.id)]);
    }
  });

  it('THEN asking for attacks is a narrowing, not a question too broad', () => {
    const answer = search('ransomware');
    expect(answer.kind === 'results' && answer.note).toBeFalsy();
  });
});

describe('GIVEN how many incidents a question asks for with its order ("top 10", "les 5 plus récentes")', () => {
  const forms = (n: number) => [`top ${n} breaches`, `${n} biggest breaches`, `the ${n} largest leaks`, `les ${n} plus grosses fuites`, `${n} latest breaches`, `les ${n} dernières fuites`, `top ${n} fuites 2024`, `top ${n} orange`];
  const ids = (a: Answer) => (a.kind === 'results' ? a.matches.map((m) => m.incident.id) : []);

  it('THEN the answer lists that many, the first of the same question without the number, which is never searched as a word', () => {
    for (const n of [1, 3, 5, 10, 20, 50]) {
      for (const q of forms(n)) {
        const parsed = core.parse(q);
        expect(parsed.ok && parsed.query.terms, q).not.toContain(String(n));
        const answer = search(q, 100);
        const unlimited = search(q.replace(String(n), ' '), 100);
        expect(answer.kind, q).toBe('results');
        if (answer.kind !== 'results' || unlimited.kind !== 'results') continue;
        expect(answer.total, q).toBe(Math.min(n, unlimited.total));
        expect(ids(answer), q).toEqual(ids(unlimited).slice(0, n));
      }
    }
  });

  it('THEN its pages end with the last one asked for', () => {
    const second = core.execute({ command: 'search', query: 'top 7 breaches', pageSize: 5, page: 2 });
    expect(second.kind === 'results' && [second.total, second.page.count, second.matches.length]).toEqual([7, 2, 2]);
  });
});
