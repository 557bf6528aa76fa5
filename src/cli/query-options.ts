/** The options of search, latest, stats and show, as help and usage errors name them. */
export const QUERY_OPTIONS = '--json, --limit N, --page N, --lang en|fr';
