/**
 * `npm run slack:manifest`: writes commands/slack-manifest.json from the command definitions.
 *   --http-url https://bot.example.com   an HTTP-mode manifest (Slack posts to <url>/slack/events)
 *   --check                              exit 1 if the file is not what the definitions give
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSlackManifest } from './manifest.js';

export const MANIFEST_PATH = fileURLToPath(new URL('../../commands/slack-manifest.json', import.meta.url));

export function manifestText(httpUrl?: string, distribute?: { readonly tokenRotation?: boolean }): string {
  return `${JSON.stringify(buildSlackManifest({ ...(httpUrl ? { httpUrl } : {}), ...(distribute ? { distribute } : {}) }), null, 2)}\n`;
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { 'http-url': { type: 'string' }, check: { type: 'boolean' }, distribute: { type: 'boolean' }, 'token-rotation': { type: 'boolean' } } });
  if (values.distribute && !values['http-url']) {
    process.stderr.write('--distribute needs --http-url (installs and events arrive over HTTP)\n');
    return 2;
  }
  const httpUrl = values['http-url'];
  if (httpUrl !== undefined && !/^https:\/\/[^\s/]+/.test(httpUrl)) {
    process.stderr.write('--http-url must be the public https:// address of the bot, such as https://bot.example.com\n');
    return 2;
  }
  const text = manifestText(httpUrl, values.distribute ? { tokenRotation: Boolean(values['token-rotation']) } : undefined);
  if (values.check) {
    let current = '';
    try {
      current = readFileSync(MANIFEST_PATH, 'utf8');
    } catch {
      // missing: stale
    }
    if (current === text) return 0;
    process.stderr.write('commands/slack-manifest.json is out of date: run npm run slack:manifest\n');
    return 1;
  }
  writeFileSync(MANIFEST_PATH, text);
  process.stdout.write(`wrote ${MANIFEST_PATH} (${httpUrl ? `HTTP mode, ${httpUrl}/slack/events` : 'Socket Mode'})\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
  }
}
