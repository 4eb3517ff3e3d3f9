/**
 * A record as the tokenizer hands it over: field offsets into a Buffer, and what the tokenizer saw in each field.
 * @module
 */

/** The field was enclosed in double quotes (offsets exclude them). */
export const FIELD_QUOTED = 1;
/** The quoted field holds an escape sequence (`\"`, `\\` or `""`): decode it with `unescapeField`. */
export const FIELD_ESCAPED = 2;
/** The quoted field holds a line break. */
export const FIELD_NEWLINE = 4;
/** The quote was never closed, or text followed the closing quote. */
export const FIELD_MALFORMED = 8;
/** The quote was never closed: the field runs to the end of the input (`FIELD_MALFORMED` is set too). */
export const FIELD_UNCLOSED = 16;

/** One record, valid only during the callback: its fields are `buf[starts[i]..ends[i])`. */
export interface CsvRecord {
  buf: Buffer;
  /** 1-based line number where the record starts. */
  line: number;
  /** Lines the record spans (more than 1 when a quoted field holds a line break). */
  lineCount: number;
  /** Fields of the record; only the first `maxFields` of the tokenizer are stored in `starts`/`ends`/`flags`. */
  fieldCount: number;
  starts: Int32Array;
  ends: Int32Array;
  /** `FIELD_*` bits per field. */
  flags: Uint8Array;
  /** False when the record's bytes are not valid UTF-8. */
  utf8: boolean;
}

/** The text of a field, with escape sequences resolved. */
export function fieldText(record: CsvRecord, index: number): string {
  const start = record.starts[index] ?? 0;
  const end = record.ends[index] ?? 0;
  const raw = record.buf.toString('utf8', start, end);
  return (record.flags[index] ?? 0) & FIELD_ESCAPED ? unescapeField(raw) : raw;
}

/** Resolves `\"`, `\\` and `""` in a quoted field's content; any other backslash stays as it is. */
export function unescapeField(raw: string): string {
  return raw.replace(/\\(["\\])|""/g, (_match, escaped: string | undefined) => escaped ?? '"');
}
