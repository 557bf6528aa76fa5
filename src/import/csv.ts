/**
 * A small RFC 4180 reader: quoted fields with doubled quotes, separators and line breaks inside
 * quotes, CRLF or LF line ends, a leading byte-order mark. The separator is a parameter
 * (HHS OCR uses ",", bonjourlafuite ";").
 */

/** Every row of a CSV text as arrays of fields. A trailing empty line yields no row. */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let fieldStarted = false;
  const n = text.length;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === separator) {
      endField();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
    } else if (c === '\n' || c === '\r') {
      endRow();
      i++;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (field !== '' || fieldStarted || row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the header row's names (trimmed); missing cells are "". */
export function parseCsvRecords(text: string, separator = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, separator);
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return rows.map((cells) => {
    const record: Record<string, string> = {};
    names.forEach((name, i) => {
      record[name] = cells[i] ?? '';
    });
    return record;
  });
}
