/**
 * The benchmark's steps: read the file, parse it with each parser (no checks), validate it; and a check of whether
 * each parser reads the service's dialect (backslash escapes of `"` and `\` inside quotes).
 * @module
 */
import { createReadStream } from 'node:fs';
import { parse as csvParse } from 'csv-parse';
import { parse as csvParseSync } from 'csv-parse/sync';
import { CsvTokenizer, fieldText } from '../src/csv/csv-reader.js';
import { validateCsv } from '../src/csv/validate-csv.js';
import { SCHEMA } from './validate-csv.file.js';

const CHUNK = 1024 * 1024;

type Rows = (file: string) => Promise<number>;
type Parser = (text: string) => string[][];

// --- steps ---------------------------------------------------------------------------------------------------

async function readOnly(file: string): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) bytes += (chunk as Buffer).length;
  return bytes > 0 ? 0 : -1;
}

async function csvParseRows(file: string): Promise<number> {
  let rows = 0;
  const parser = createReadStream(file, { highWaterMark: CHUNK }).pipe(csvParse({ escape: '\\' }));
  for await (const _record of parser) rows++;
  return rows;
}

interface PapaModule {
  NODE_STREAM_INPUT: number;
  parse(input: unknown, config: object): NodeJS.ReadWriteStream & { on(event: string, cb: (x: unknown) => void): void };
}

interface UdsvParser {
  stringArrs: unknown;
  chunk(text: string, parse: unknown, cb: () => boolean): void;
  end(): unknown;
}
interface UdsvModule {
  inferSchema(text: string, options: object): unknown;
  initParser(schema: unknown): UdsvParser;
}

async function optional<T>(name: string): Promise<T | undefined> {
  const specifier: string = name;
  try {
    const mod = await import(specifier);
    return (mod.default ?? mod) as T;
  } catch {
    return undefined;
  }
}

async function papaRows(file: string): Promise<number> {
  const papa = await optional<PapaModule>('papaparse');
  if (papa === undefined) return Number.NaN;
  return new Promise((resolve, reject) => {
    let rows = 0;
    const stream = papa.parse(papa.NODE_STREAM_INPUT, { escapeChar: '\\' });
    stream.on('data', () => rows++);
    stream.on('end', () => resolve(rows));
    stream.on('error', reject);
    createReadStream(file, { highWaterMark: CHUNK }).pipe(stream);
  });
}

async function udsvRows(file: string): Promise<number> {
  const udsv = await optional<UdsvModule>('udsv');
  if (udsv === undefined) return Number.NaN;
  const decoder = new TextDecoder();
  let rows = 0;
  const count = () => {
    rows++;
    return true;
  };
  let parser: UdsvParser | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    parser ??= udsv.initParser(udsv.inferSchema(text, { encl: '"', esc: '\\' }));
    parser.chunk(text, parser.stringArrs, count);
  }
  parser?.end();
  return rows;
}

async function tokenizerRows(file: string): Promise<number> {
  let rows = 0;
  const tokenizer = new CsvTokenizer(() => rows++);
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) tokenizer.push(chunk as Buffer);
  tokenizer.end();
  return rows;
}

async function validateRows(file: string): Promise<number> {
  const report = await validateCsv(file, { schema: SCHEMA, datasetType: 'Interactions', mode: 'FULL' });
  if (!report.valid) throw new Error(`The generated file is invalid: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return report.rows + 1;
}

export const STEPS: Record<string, { label: string; rows: Rows }> = {
  read: { label: 'read only (fs stream, 1 MiB chunks)', rows: readOnly },
  'csv-parse': { label: 'csv-parse 7.0.3, parse only', rows: csvParseRows },
  papaparse: { label: 'papaparse 5.7.1, parse only', rows: papaRows },
  udsv: { label: 'udsv 0.7.3, parse only', rows: udsvRows },
  tokenizer: { label: 'our tokenizer (CsvTokenizer), parse only', rows: tokenizerRows },
  validate: { label: '**validateCsv** (all checks)', rows: validateRows },
};

// --- the dialect: can each parser read the service's backslash escapes? ------------------------------------------

const DIALECT_SAMPLE = 'a,"b\\\\",c\n"x\\"y",z,"p\\\\\\"q"\n';
const DIALECT_EXPECTED = [
  ['a', 'b\\', 'c'],
  ['x"y', 'z', 'p\\"q'],
];

async function dialectParsers(): Promise<Record<string, Parser | undefined>> {
  const papa = await optional<{ parse(text: string, config: object): { data: string[][] } }>('papaparse');
  const udsv = await optional<UdsvModule>('udsv');
  return {
    'csv-parse': (text) => csvParseSync(text, { escape: '\\' }),
    papaparse: papa && ((text) => papa.parse(text.trimEnd(), { escapeChar: '\\' }).data),
    udsv:
      udsv &&
      ((text) => {
        // udsv skips one header row: give it one.
        const withHeader = `h1,h2,h3\n${text}`;
        const parser = udsv.initParser(udsv.inferSchema(withHeader, { encl: '"', esc: '\\' }));
        return (parser.stringArrs as (t: string) => string[][])(withHeader);
      }),
    tokenizer: (text) => {
      const rows: string[][] = [];
      const tokenizer = new CsvTokenizer((record) => {
        rows.push(Array.from({ length: record.fieldCount }, (_, i) => fieldText(record, i)));
      });
      tokenizer.push(Buffer.from(text));
      tokenizer.end();
      return rows;
    },
  };
}

export async function dialectOk(step: string): Promise<string> {
  if (step === 'read') return '';
  if (step === 'validate') return 'yes';
  const parser = (await dialectParsers())[step];
  if (parser === undefined) return 'not installed';
  try {
    const got = parser(DIALECT_SAMPLE);
    return JSON.stringify(got) === JSON.stringify(DIALECT_EXPECTED) ? 'yes' : `no: ${JSON.stringify(got)}`;
  } catch (error) {
    return `no: ${(error as Error).message}`;
  }
}
