import { AppError } from '../platform/errors.ts';

/**
 * The field delimiter of a file, read from its header: a comma, unless the header has semicolons
 * and no comma — what a spreadsheet set to Spanish or Catalan writes when it saves as CSV.
 */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/**
 * Splits CSV text into records of fields (RFC 4180: a quoted field may hold the delimiter,
 * doubled quotes and line breaks). A byte-order mark and blank lines are dropped; records keep
 * their 1-based position so errors can point at them as a spreadsheet numbers its rows.
 */
export function readCsv(text: string, delimiter: ',' | ';'): { row: number; fields: string[] }[] {
  const records: { row: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let row = 1;
  const source = text.replace(/^\uFEFF/, '');
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') records.push({ row, fields });
    row += 1;
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
    } else field += ch;
  }
  if (quoted) throw new AppError('validation_failed', `row ${row}: a quoted value is never closed`, [{ path: `rows.${row}`, message: 'a quoted value is never closed' }]);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
