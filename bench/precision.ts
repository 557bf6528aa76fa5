/**
 * The precision measure: for questions made of name words, nothing matched only by a typo, a
 * prefix or a passing mention (a word in a summary) may rank above an incident that holds every
 * word of the question as a whole word of one of its names. A question is clean when its first
 * `depth` results keep that order; the measure is the share of clean questions.
 *
 * Judged from outside the ranker: the answer's incidents and the names the index holds for them
 * (organization, aliases, vendors, affected organizations, domains), folded like the index.
 */
import type { BreachCore } from '../src/core/breach-core.js';
import { tokenize } from '../src/core/text-folding.js';

export interface PrecisionViolation {
  readonly q: string;
  /** The incident ranked above a whole-word name match without being one, and that match. */
  readonly above: string;
  readonly below: string;
}

export interface Precision {
  readonly questions: number;
  readonly clean: number;
  readonly ratio: number;
  readonly violations: readonly PrecisionViolation[];
}

/** True when every term is a whole word of one of the incident's names (or two of its adjacent words joined). */
function wholeWordNameMatch(core: BreachCore, position: number, terms: readonly string[]): boolean {
  const idx = core.index;
  const names = idx.namesOf(position);
  const words = new Set<string>();
  for (const id of names) {
    const tokens = tokenize(idx.nameIndex.nameText[id]!);
    tokens.forEach((t, k) => {
      words.add(t);
      if (k + 1 < tokens.length) words.add(t + tokens[k + 1]!);
    });
  }
  return terms.every((t, k) => words.has(t) || (k + 1 < terms.length && words.has(t + terms[k + 1]!)) || (k > 0 && words.has(terms[k - 1]! + t)));
}

export function namePrecision(core: BreachCore, questions: readonly string[], depth = 10): Precision {
  const positions = new Map(core.records.ids.map((id, i) => [id, i]));
  const violations: PrecisionViolation[] = [];
  let clean = 0;
  for (const q of questions) {
    const answer = core.execute({ command: 'search', query: q, pageSize: depth });
    if (answer.kind !== 'results' || !answer.query) {
      clean++;
      continue;
    }
    const terms = answer.query.terms;
    const whole = answer.matches.map((m) => wholeWordNameMatch(core, positions.get(m.incident.id)!, terms));
    const lastWhole = whole.lastIndexOf(true);
    const firstNot = whole.indexOf(false);
    if (lastWhole >= 0 && firstNot >= 0 && firstNot < lastWhole) {
      violations.push({ q, above: answer.matches[firstNot]!.incident.id, below: answer.matches[lastWhole]!.incident.id });
    } else clean++;
  }
  return { questions: questions.length, clean, ratio: questions.length ? clean / questions.length : 1, violations };
}
