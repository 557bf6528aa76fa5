/**
 * Discord's payload limits (API v10). The OpenAPI schema enforces the per-field ones; the
 * totals (6,000 characters across a message's embeds, 8,000 per command definition) it does
 * not, so the renderers measure them here.
 */
export const EMBED = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Title + description + field names and values + footer + author, across every embed of a message. */
  total: 6000,
  perMessage: 10,
} as const;

export const MESSAGE = {
  /** Interaction replies and webhook messages. */
  content: 2000,
} as const;

export const COMPONENTS = {
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
} as const;

export const AUTOCOMPLETE = {
  choices: 25,
  name: 100,
  value: 100,
} as const;

export const COMMAND = {
  /** Names: lower case, 1-32 of letters, digits, `-`, `_`, `'` (and Devanagari, Thai). */
  name: /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u,
  description: 100,
  options: 25,
  choices: 25,
  /** Every name, description, value and choice of one command, localizations included. */
  total: 8000,
} as const;
