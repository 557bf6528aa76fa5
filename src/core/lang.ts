/** The languages answers are worded in. The core decides it (from the question, a locale, a setting); renderers word in it. */
export type Lang = 'en' | 'fr';
