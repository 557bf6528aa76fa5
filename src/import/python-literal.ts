/**
 * Reads the Python literals bonjourlafuite's CSV export writes for its list cells
 * (`['nom, prénom', "nom d'utilisateur"]`, `[{'text': 'Source', 'href': 'https://…'}]`): lists,
 * dicts, strings in single or double quotes with Python escapes (`\xa0`, `\u2019`, `\'`),
 * numbers, True/False/None. Not JSON, so JSON.parse cannot; never evaluated as code.
 */

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class PythonLiteralError extends Error {}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\u0007', b: '\b', f: '\f', v: '\v' };

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new PythonLiteralError(`${what} at character ${this.i + 1}`);
  }

  private skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  value(): PyValue {
    this.skipSpace();
    const c = this.text[this.i];
    if (c === '[' || c === '(') return this.sequence(c === '[' ? ']' : ')');
    if (c === '{') return this.dict();
    if (c === "'" || c === '"') return this.string();
    const word = /^(True|False|None|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.i, this.i + 40));
    if (word) {
      this.i += word[1]!.length;
      return word[1] === 'True' ? true : word[1] === 'False' ? false : word[1] === 'None' ? null : Number(word[1]);
    }
    return this.fail(c === undefined ? 'unexpected end' : `unexpected "${c}"`);
  }

  private sequence(close: string): PyValue[] {
    this.i++;
    const out: PyValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === close) {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.skipSpace();
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== close) this.fail(`expected "," or "${close}"`);
    }
  }

  private dict(): { [key: string]: PyValue } {
    this.i++;
    const out: { [key: string]: PyValue } = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.i] === '}') {
        this.i++;
        return out;
      }
      const key = this.value();
      this.skipSpace();
      if (this.text[this.i] !== ':') this.fail('expected ":"');
      this.i++;
      out[String(key)] = this.value();
      this.skipSpace();
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== '}') this.fail('expected "," or "}"');
    }
  }

  private string(): string {
    const quote = this.text[this.i]!;
    this.i++;
    let out = '';
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (c === quote) {
        this.i++;
        return out;
      }
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      const e = this.text[this.i + 1];
      if (e === undefined) break;
      const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hexLength) {
        const hex = this.text.slice(this.i + 2, this.i + 2 + hexLength);
        if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) this.fail(`bad \\${e} escape`);
        const code = parseInt(hex, 16);
        out += code <= 0x10ffff ? String.fromCodePoint(code) : '';
        this.i += 2 + hexLength;
      } else if (e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e];
        this.i += 2;
      } else {
        // Python keeps an unknown escape as written.
        out += `\\${e}`;
        this.i += 2;
      }
    }
    return this.fail('unterminated string');
  }

  end(): void {
    this.skipSpace();
    if (this.i < this.text.length) this.fail('unexpected text after the value');
  }
}

/** Parses one Python literal; throws `PythonLiteralError` naming where it went wrong. */
export function parsePythonLiteral(text: string): PyValue {
  const reader = new Reader(text);
  const value = reader.value();
  reader.end();
  return value;
}
