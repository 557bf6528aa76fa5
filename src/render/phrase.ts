/**
 * Words with commands inside them. A phrase is prose and code pieces: prose takes the reader's
 * typography (the narrow no-break space before a French colon), code — a command as typed,
 * `heure:08:30`, `data:passwords` — is never touched. Renderers show code as code (backticks in
 * Slack, Discord and the terminal) and escape prose for their platform.
 */
import type { Lang } from '../core/lang.js';
import { typeset } from './typography.js';

export interface Code {
  readonly code: string;
}
export type Piece = string | Code;
export type Phrase = readonly Piece[];

/** A command or a filter as typed: kept as it is, in every language. */
export function code(text: string): Code {
  return { code: text };
}

// A character no text holds, standing for a code piece while the prose around it is typeset.
const SLOT = '\uE000';

/**
 * A phrase written with `${}` holes (`phrase(lang)`…``) in the reader's typography: prose pieces typeset as one text
 * (so a French colon right after a command still gets its space), code pieces untouched.
 */
export function phrase(lang: Lang): (strings: TemplateStringsArray, ...values: readonly (Piece | number)[]) => Phrase {
  return (strings, ...values) => {
    const codes: Code[] = [];
    let prose = '';
    strings.forEach((s, i) => {
      prose += s;
      if (i >= values.length) return;
      const v = values[i]!;
      if (typeof v === 'object') {
        codes.push(v);
        prose += SLOT;
      } else prose += String(v).replaceAll(SLOT, '');
    });
    return typesetPhrase(prose, codes, lang);
  };
}

/** Prose (with `SLOT` where each code goes) typeset, then split back around the code. */
function typesetPhrase(prose: string, codes: readonly Code[], lang: Lang): Phrase {
  const parts = typeset(prose, lang).split(SLOT);
  const out: Piece[] = [];
  parts.forEach((p, i) => {
    if (p) out.push(p);
    if (i < codes.length) out.push(codes[i]!);
  });
  return out;
}

/** Phrases joined with a separator (", " between names, a space between sentences). */
export function joinPhrases(phrases: readonly Phrase[], separator: string): Phrase {
  return phrases.flatMap((p, i) => (i === 0 ? p : [separator, ...p]));
}

/** The phrase as text, each code piece as `render` shows it (backticks by default). */
export function phraseText(p: Phrase, render: (code: string) => string = (c) => `\`${c.replace(/`/g, "'")}\``, prose: (text: string) => string = (t) => t): string {
  return p.map((piece) => (typeof piece === 'string' ? prose(piece) : render(piece.code))).join('');
}
