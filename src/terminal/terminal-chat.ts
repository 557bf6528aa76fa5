/**
 * The terminal chat: the same commands typed as in Slack (`/breach orange`, `/breach latest`),
 * answered as plain text. With a terminal it prompts; with piped input it answers each line and
 * ends with the input, so `echo "/breach orange" | npm start` works.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { breachHelp, isCoreRequest, isUsageError, parseCommandText, stripRootCommand, COMMANDS_BY_NAME } from '../../commands/index.js';
import type { CoreRequest } from '../core/answer.js';
import { channelLanguageOf } from '../settings/channel-language.js';
import { detectLanguage } from '../core/query-parser.js';
import type { CoreHolder } from '../core/core-holder.js';
import type { CommandHandler, Conversation } from '../ports/index.js';
import { renderText, helpText } from '../render/text-renderer.js';
import type { Lang } from '../core/lang.js';
import { phraseText } from '../render/phrase.js';
import { usageLine, usageProblemWords } from '../render/usage-words.js';

export interface ChatSession {
  /** The last paged request, so "next" / "suite" can turn the page. */
  last?: Extract<CoreRequest, { command: 'search' | 'latest' }>;
  lastPageCount?: number;
}

const NEXT_WORDS = new Set(['next', 'more', 'suite', 'suivant', 'plus']);
const PREVIOUS_WORDS = new Set(['previous', 'prev', 'back', 'precedent', 'précédent']);

/** Answers one typed line; returns the text to print (undefined for a blank line). */
export function answerLine(line: string, holder: CoreHolder, session: ChatSession, fallbackLang: Lang): string | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  const lang = detectLanguage(trimmed, fallbackLang);
  const word = trimmed.toLowerCase();
  if ((NEXT_WORDS.has(word) || PREVIOUS_WORDS.has(word)) && session.last) {
    const page = (session.last.page ?? 1) + (NEXT_WORDS.has(word) ? 1 : -1);
    if (page < 1 || page > (session.lastPageCount ?? 1)) return lang === 'fr' ? 'Pas d’autre page.' : 'No more pages.';
    return run({ ...session.last, page }, holder, session, lang);
  }
  const args = stripRootCommand(trimmed);
  if (args === undefined) {
    if (trimmed.startsWith('/')) {
      const name = trimmed.split(/\s+/)[0]!;
      return lang === 'fr' ? `Commande inconnue : ${name.slice(0, 40)}. Tapez /breach help.` : `Unknown command: ${name.slice(0, 40)}. Type /breach help.`;
    }
    // Plain words are a search, as if typed after /breach.
    return dispatch(trimmed, holder, session, lang);
  }
  return dispatch(args, holder, session, lang);
}

const TERMINAL_CHANNEL = { platform: 'terminal', workspaceId: 'local', channelId: 'terminal' } as const;

/** The terminal as a conversation: one local channel whose user is its admin. */
export function terminalConversation(language: Lang): Conversation {
  return { platform: 'terminal', workspaceId: 'local', channelId: 'terminal', userId: 'local', isAdmin: true, language };
}

/**
 * Like `answerLine`, but commands beyond the core (`/breach digest ...`, `/breach watch ...`) go
 * to the first handler that owns them.
 */
export async function answerLineWithHandlers(line: string, holder: CoreHolder, session: ChatSession, defaultLang: Lang, handlers: readonly CommandHandler[]): Promise<string | undefined> {
  const args = stripRootCommand(line.trim());
  // The terminal's channel may have chosen a language (`/breach langue fr`): it decides what the words leave open.
  const fallbackLang = (await channelLanguageOf(handlers, TERMINAL_CHANNEL)) ?? defaultLang;
  if (args !== undefined && handlers.length > 0) {
    const lang = detectLanguage(line.trim(), fallbackLang);
    const request = parseCommandText(args);
    if (isUsageError(request)) {
      const usage = COMMANDS_BY_NAME.get(request.command)?.usage;
      // A feature command typed wrong: its usage and what was wrong, not the whole help.
      if (usage && !isCoreRequest({ command: request.command })) {
        return `${usageLine(usage, lang)}${request.problem ? `\n${phraseText(usageProblemWords(request.problem, lang))}` : ''}`;
      }
    } else if (!isCoreRequest(request)) {
      const handler = handlers.find((h) => h.handles(request));
      if (handler) return renderText(await handler.handle(request, terminalConversation(lang)), lang);
    }
  }
  return answerLine(line, holder, session, fallbackLang);
}

function dispatch(args: string, holder: CoreHolder, session: ChatSession, lang: Lang): string {
  const request = parseCommandText(args);
  if (isUsageError(request)) {
    return `${usageLine(COMMANDS_BY_NAME.get(request.command)?.usage ?? breachHelp.usage, lang)}\n\n${helpText(lang)}`;
  }
  if (!isCoreRequest(request)) return lang === 'fr' ? `Commande indisponible ici : ${request.command}.` : `Command not available here: ${request.command}.`;
  return run(request, holder, session, lang);
}

function run(request: CoreRequest, holder: CoreHolder, session: ChatSession, lang: Lang): string {
  const answer = holder.core.execute(request);
  if (answer.kind === 'results') {
    session.last = answer.request;
    session.lastPageCount = answer.page.count;
  }
  const text = renderText(answer, lang);
  if (answer.kind === 'results' && answer.page.number < answer.page.count) {
    return text.replace(/… (\d+) (more|de plus)[^\n]*$/, lang === 'fr' ? '… $1 de plus : tapez « suite »' : '… $1 more: type "next"');
  }
  return text;
}

export interface TerminalChatOptions {
  readonly holder: CoreHolder;
  readonly input: Readable;
  readonly output: Writable;
  readonly language: Lang;
  /** Prompt and greet (a terminal), or just answer each line (piped input). */
  readonly interactive: boolean;
  /** A line to show on start (e.g. catalog size). */
  readonly banner?: string;
  /** Handlers for commands beyond the core (digest, watch). */
  readonly handlers?: readonly CommandHandler[];
}

/** Runs until the input ends (or "quit"); resolves when done. */
export function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { holder, input, output, language, interactive } = options;
  const session: ChatSession = {};
  const rl = createInterface({ input, ...(interactive ? { output, terminal: true } : { terminal: false }) });
  const write = (text: string) => output.write(`${text}\n`);
  if (interactive) {
    if (options.banner) write(options.banner);
    write(language === 'fr' ? 'Tapez /breach orange, /breach latest, /breach help — ou quit pour sortir.' : 'Type /breach orange, /breach latest, /breach help — or quit to leave.');
    rl.setPrompt('breachbot> ');
    rl.prompt();
  }
  const handlers = options.handlers ?? [];
  // Handlers answer asynchronously: lines are answered one after another, in order.
  let pending: Promise<void> = Promise.resolve();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (/^\s*(quit|exit|\/quit|\/exit)\s*$/i.test(line)) {
        rl.close();
        return;
      }
      pending = pending.then(async () => {
        try {
          const text = handlers.length ? await answerLineWithHandlers(line, holder, session, language, handlers) : answerLine(line, holder, session, language);
          if (text !== undefined) write(interactive ? text : `${text}\n`);
        } catch (err) {
          write(language === 'fr' ? "Désolé, quelque chose s'est mal passé." : 'Sorry, something went wrong.');
          process.stderr.write(`breachbot: error answering a line: ${(err as Error).stack ?? String(err)}\n`);
        }
        if (interactive) rl.prompt();
      });
    });
    rl.on('close', () => void pending.then(() => resolve()));
  });
}
