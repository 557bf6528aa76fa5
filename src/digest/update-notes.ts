/**
 * The words of "updated" notes and of the digest's updates section, in English and French, from
 * typed changes (incident-facts.ts): what changed of an incident a channel already received — a
 * revised count, a new source, a newly named affected organization. Short by design: one line per
 * incident, and a pointer to `/breach show <id>` for the rest.
 */
import type { MessageAnswer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { colon, quote, semicolon } from '../render/typography.js';
import type { FactsChange } from './incident-facts.js';
import { formatInstant } from './schedule.js';
import { message, showPointer } from './digest-messages.js';

/** One incident's change, with the name it is known by. */
export interface IncidentRevision {
  readonly incidentId: string;
  readonly name: string;
  readonly change: FactsChange;
}

/** Exact counts (a revision from 1,200,000 to 1,230,000 must not read "1.2 million" twice). */
const exact = (n: number, lang: Lang) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n);

const list = (items: readonly string[], lang: Lang) => items.map((i) => quote(i, lang)).join(', ');

/** "count revised from 1,200 to 1,500; new source: “Le Monde”; newly named affected organization: “Free”". */
function changeText(change: FactsChange, lang: Lang): string {
  const fr = lang === 'fr';
  const parts: string[] = [];
  if (change.count) {
    parts.push(
      change.count.from === null
        ? fr
          ? `nombre désormais connu${colon(lang)}${exact(change.count.to, lang)}`
          : `count now known${colon(lang)}${exact(change.count.to, lang)}`
        : fr
          ? `nombre révisé de ${exact(change.count.from, lang)} à ${exact(change.count.to, lang)}`
          : `count revised from ${exact(change.count.from, lang)} to ${exact(change.count.to, lang)}`,
    );
  }
  if (change.newSources.length) {
    const many = change.newSources.length > 1;
    parts.push(`${fr ? (many ? 'nouvelles sources' : 'nouvelle source') : many ? 'new sources' : 'new source'}${colon(lang)}${list(change.newSources, lang)}`);
  }
  if (change.newAffected.length) {
    const many = change.newAffected.length > 1;
    parts.push(
      `${fr ? (many ? 'organisations touchées nouvellement citées' : 'organisation touchée nouvellement citée') : many ? 'newly named affected organizations' : 'newly named affected organization'}${colon(lang)}${list(change.newAffected, lang)}`,
    );
  }
  return parts.join(semicolon(lang));
}

/** "Orange (orange-2024-02) — count revised from …" */
function revisionLine(r: IncidentRevision, lang: Lang): string {
  return `${r.name} (${r.incidentId}) — ${changeText(r.change, lang)}`;
}

const byLang = (f: (lang: Lang) => string) => ({ en: f('en'), fr: f('fr') });

/** The note a channel gets when incidents it received change: one message, one line per incident. */
export function updateNoteAnswer(revisions: readonly IncidentRevision[], platform: string): MessageAnswer {
  const text = byLang((lang) => {
    const fr = lang === 'fr';
    if (revisions.length === 1) return `${fr ? 'Mise à jour' : 'Updated'}${colon(lang)}${revisionLine(revisions[0]!, lang)}.`;
    const head = fr ? `Mises à jour d’incidents déjà publiés ici${colon(lang).trimEnd()}` : 'Updates to incidents posted here:';
    return [head, ...revisions.map((r) => `• ${revisionLine(r, lang)}`)].join('\n');
  });
  return message('info', text, [], showPointer(platform, revisions[0]?.incidentId));
}

/** The digest with its updates section after the new incidents: "Updated since …:" and a line per incident. */
export function withUpdates(digest: MessageAnswer, revisions: readonly IncidentRevision[], since: string, timeZone: string): MessageAnswer {
  if (revisions.length === 0) return digest;
  const section = byLang((lang) => {
    const head = lang === 'fr' ? `Mis à jour depuis le ${formatInstant(since, timeZone, lang)}${colon(lang).trimEnd()}` : `Updated since ${formatInstant(since, timeZone, lang)}:`;
    return [head, ...revisions.map((r) => `• ${revisionLine(r, lang)}`)].join('\n');
  });
  return { ...digest, text: { en: `${digest.text.en}\n\n${section.en}`, fr: `${digest.text.fr}\n\n${section.fr}` } };
}
