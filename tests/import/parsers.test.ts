/** The small readers the importers stand on: CSV, Python literals, feed HTML, slugs. */
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords } from '../../src/import/csv.js';
import { parsePythonLiteral, PythonLiteralError } from '../../src/import/python-literal.js';
import { htmlLinks, htmlToText, slugify, spellOutCamelCase } from '../../src/import/import-text.js';
import { isoDateTime } from '../../src/import/feeds.js';

describe('GIVEN CSV text', () => {
  it('THEN quoted fields keep separators, doubled quotes and line breaks', () => {
    const text = '\ufeff"a";"b"\r\n"x;y";"say ""hi""\nthere"\n"";plain\n';
    expect(parseCsv(text, ';')).toEqual([
      ['a', 'b'],
      ['x;y', 'say "hi"\nthere'],
      ['', 'plain'],
    ]);
  });

  it('THEN records are keyed by the header, missing cells empty', () => {
    expect(parseCsvRecords('Name ,State\nAcme,CA\nSolo\n')).toEqual([
      { Name: 'Acme', State: 'CA' },
      { Name: 'Solo', State: '' },
    ]);
  });
});

describe('GIVEN Python literals as bonjourlafuite writes them', () => {
  it('THEN lists of single- and double-quoted strings read, escapes decoded', () => {
    expect(parsePythonLiteral(`["nom d'utilisateur", 'adresse email', '150\\xa0000 IBAN', 'l\\'adresse']`)).toEqual([
      "nom d'utilisateur",
      'adresse email',
      '150\u00a0000 IBAN',
      "l'adresse",
    ]);
  });

  it('THEN link dicts read, and bare URL strings too', () => {
    expect(parsePythonLiteral(`[{'text': 'Source', 'href': 'https://a.fr/x'}, 'https://b.fr/y']`)).toEqual([{ text: 'Source', href: 'https://a.fr/x' }, 'https://b.fr/y']);
  });

  it('THEN broken input throws a PythonLiteralError, never evaluates anything', () => {
    expect(() => parsePythonLiteral("['unterminated")).toThrow(PythonLiteralError);
    expect(() => parsePythonLiteral("__import__('os')")).toThrow(PythonLiteralError);
  });
});

describe('GIVEN feed HTML', () => {
  const html = 'In May 2016, <a href="https://www.troyhunt.com/x" target="_blank">LinkedIn had 164&nbsp;million</a> &quot;exposed&quot;<script>alert(1)</script><br>Next &amp; last &#8217;line&#x2019;<img src=x onerror=alert(1)>';

  it('THEN it becomes plain text: no tag, entities decoded, script content dropped', () => {
    const text = htmlToText(html);
    expect(text).toBe('In May 2016, LinkedIn had 164 million "exposed"\nNext & last ’line’');
    expect(text).not.toMatch(/[<>]/);
  });

  it('THEN its http(s) links come out with their text, other schemes left out', () => {
    expect(htmlLinks(`${html}<a href="javascript:alert(1)">bad</a>`)).toEqual([{ url: 'https://www.troyhunt.com/x', text: 'LinkedIn had 164 million' }]);
  });
});

describe('GIVEN names to turn into ids and titles', () => {
  it('THEN slugs are folded, hyphenated and bounded', () => {
    expect(slugify("Fédération Française de tir à l'arc")).toBe('federation-francaise-de-tir-a-l-arc');
    expect(slugify('x'.repeat(30) + ' ' + 'y'.repeat(40)).length).toBeLessThanOrEqual(60);
  });

  it('THEN CamelCase names from the HIBP index are spelled out', () => {
    expect(spellOutCamelCase('BouyguesTelecom')).toBe('Bouygues Telecom');
    expect(spellOutCamelCase('June2026StealerLogs')).toBe('June 2026 Stealer Logs');
    expect(spellOutCamelCase('ADDA')).toBe('ADDA');
  });

  it('THEN feed date-times are normalized to UTC without milliseconds, impossible ones refused', () => {
    expect(isoDateTime('2016-05-21T21:35:40Z')).toBe('2016-05-21T21:35:40Z');
    expect(isoDateTime('2016-05-21T23:35:40+02:00')).toBe('2016-05-21T21:35:40Z');
    expect(isoDateTime('2024-02-30')).toBeUndefined();
    expect(isoDateTime('yesterday')).toBeUndefined();
  });
});
