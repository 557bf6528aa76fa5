/**
 * The log is JSON lines a collector can read, and never carries a secret: tokens, configured
 * secret values, URL credentials and secret query-string values are masked wherever they appear.
 */
import { describe, expect, it } from 'vitest';
import { createLogger, displayUrl, redact } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { startImportRefresh } from '../../src/import/refresh-schedule.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { bundledCore } from '../slack/fixtures.js';

describe('GIVEN a logger', () => {
  it('THEN each line is one JSON object with level, ISO time, pid, message and detail', () => {
    const lines: string[] = [];
    const log = createLogger([], (l) => lines.push(l));
    log.info('hello');
    log.error('failed', new Error('boom'));
    log.warn('odd', { n: 1 });
    expect(lines).toHaveLength(3);
    const [a, b, c] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ level: 'info', msg: 'hello', pid: process.pid });
    expect(String(a!.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(b).toMatchObject({ level: 'error', msg: 'failed', detail: { error: 'Error', message: 'boom' } });
    expect(c).toMatchObject({ level: 'warn', detail: { n: 1 } });
  });

  it('THEN a detail that cannot be serialized still logs the message', () => {
    const lines: string[] = [];
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    createLogger([], (l) => lines.push(l)).warn('circular', circular);
    expect(JSON.parse(lines[0]!).msg).toBe('circular');
  });
});

describe('GIVEN secrets in what is logged', () => {
  const cases: [string, string, string][] = [
    ['URL user and password', 'GET https://alice:s3cr3t-pw@feeds.example.com/hibp.json failed', 's3cr3t-pw'],
    ['URL user alone (a token as user)', 'from https://tok_abcdef123456@feeds.example.com/x', 'tok_abcdef123456'],
    ['?key=', 'https://feeds.example.com/hibp.json?key=K3Y-VALUE-123&format=json', 'K3Y-VALUE-123'],
    ['&token=', 'https://x.example/a?format=json&token=T0KEN-VALUE', 'T0KEN-VALUE'],
    ['api_key', 'https://x.example/a?api_key=APIKEYVALUE', 'APIKEYVALUE'],
    ['X-Amz-Signature style', 'https://bucket.example/f?X-Amz-Signature=abcdef0123&X-Amz-Date=1', 'abcdef0123'],
    ['access_token in a fragment', 'https://x.example/cb#access_token=ACCESSVALUE&x=1', 'ACCESSVALUE'],
    ['OAuth code', 'GET /slack/oauth_redirect?code=1234.5678.abcd&state=s', '1234.5678.abcd'],
    ['a Slack token', 'token xoxb-1111-2222-abcdefabcdef leaked', 'xoxb-1111-2222-abcdefabcdef'],
    ['a Slack refresh token', 'refresh xoxe-1-abcdefabcdef', 'xoxe-1-abcdefabcdef'],
    ['a Basic header', 'Authorization: Basic YWxpY2U6czNjcjN0LXB3', 'YWxpY2U6czNjcjN0LXB3'],
  ];
  for (const [label, text, secret] of cases) {
    it(`THEN ${label} is masked, the rest of the line kept`, () => {
      const masked = redact(text);
      expect(masked).not.toContain(secret);
      expect(masked).toContain('[redacted]');
      const lines: string[] = [];
      createLogger([], (l) => lines.push(l)).warn(text, new Error(text));
      expect(lines.join('\n')).not.toContain(secret);
    });
  }

  it('THEN harmless URLs and query keys stay readable', () => {
    expect(redact('https://feeds.example.com/hibp.json?format=json&page=2')).toBe('https://feeds.example.com/hibp.json?format=json&page=2');
    expect(displayUrl('https://u:p@feeds.example.com/a?monkey=1&key=2')).toBe('https://[redacted]@feeds.example.com/a?monkey=1&key=[redacted]');
  });

  it('THEN the HIBP refresh, scheduled from a URL with credentials and a key, logs neither', () => {
    const lines: string[] = [];
    const loaded = loadConfig({ IMPORT_HIBP_URL: 'https://bot:hunter2-pass@feeds.example.com/breaches?key=SECRETKEY42', IMPORT_CRON: '0 3 * * *' });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const service = startImportRefresh({ config: loaded.config, holder: new CoreHolder(bundledCore()), log: createLogger([], (l) => lines.push(l)) });
    void service?.stop();
    const text = lines.join('\n');
    expect(text).toContain('feeds.example.com/breaches');
    expect(text).not.toContain('hunter2-pass');
    expect(text).not.toContain('SECRETKEY42');
  });
});
