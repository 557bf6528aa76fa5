/**
 * Curated other names of organizations: former names (Pôle emploi → France Travail), acronyms
 * (CAF), brands. One reviewed file, `data/aliases.json`, each entry with the basis for it and a
 * source, validated here with zod and read by the catalog loader. At index time an alias is one
 * more name of every incident whose organization carries the name it belongs to, so
 * `/breach pole emploi` finds France Travail.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { ALIASES_FILE, checkDataFile, DEFAULT_DATA_FILE_LIMITS, parseDataJson, readDataFile, type DataFileLimits } from './data-files.js';

export { ALIASES_FILE } from './data-files.js';

export const OrganizationAliasSchema = z.strictObject({
  /** The organization's name as the incidents carry it (compared folded: case and accents aside). */
  organization: z.string().trim().min(1).max(200),
  /** Other names it is known by. */
  aliases: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
  relation: z.enum(['former-name', 'acronym', 'brand', 'other-name']),
  /** Why the alias holds, in a sentence a reviewer can check against the source. */
  basis: z.string().trim().min(10).max(1000),
  source: z.strictObject({
    publisher: z.string().trim().min(1).max(200),
    title: z.string().trim().min(1).max(300),
    url: z.url({ protocol: /^https$/ }),
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
  }),
});

export type OrganizationAlias = z.infer<typeof OrganizationAliasSchema>;

export const AliasFileSchema = z.strictObject({ aliases: z.array(OrganizationAliasSchema).max(10_000) });

export interface AliasProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Reads `aliases.json` in the data folder (absent: no aliases) as every data file is read: a
 * regular file inside the folder, under the curated-file size cap, nesting bounded; every
 * problem is returned, never thrown, and names the file and the reason, never its contents.
 */
export function loadAliases(dataDir: string, limits: DataFileLimits = DEFAULT_DATA_FILE_LIMITS): { aliases: OrganizationAlias[]; problems: AliasProblem[] } {
  const path = join(dataDir, ALIASES_FILE);
  try {
    lstatSync(path);
  } catch {
    return { aliases: [], problems: [] };
  }
  const fail = (message: string) => ({ aliases: [], problems: [{ file: ALIASES_FILE, path: '', message }] });
  let root: string;
  try {
    root = realpathSync(dataDir);
  } catch {
    return fail('cannot be read (the data folder cannot be resolved)');
  }
  const checked = checkDataFile(dataDir, root, path, limits.incidentFileBytes);
  if (!checked.ok) return fail(checked.reason);
  const read = readDataFile(checked.file, limits.incidentFileBytes);
  if (!read.ok) return fail(read.reason);
  const json = parseDataJson(read.text, limits.maxJsonDepth);
  if (!json.ok) return fail(json.reason);
  const raw = json.value;
  const parsed = AliasFileSchema.safeParse(raw);
  if (parsed.success) return { aliases: parsed.data.aliases, problems: [] };
  return {
    aliases: [],
    problems: parsed.error.issues.map((issue) => ({ file: ALIASES_FILE, path: issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''), message: issue.message })),
  };
}
