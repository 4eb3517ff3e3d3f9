/**
 * `serve --state <file.json>`: the fake's starting state in one JSON file (dataset groups, schemas, datasets, event
 * trackers with chosen tracking ids, S3 objects inline or from local files), checked with zod so that a mistake is
 * refused naming its entry and field, then set up on a `MemoryTransport` in the file's order.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InvalidOptionsError, type MemoryTransport } from './library.js';

const name = z.string().min(1);
const domain = z.enum(['ECOMMERCE', 'VIDEO_ON_DEMAND']);
const tags = z.record(z.string(), z.string());
const datasetType = z.enum(['Interactions', 'Items', 'Users', 'Actions', 'Action_Interactions']);

const stateSchema = z.strictObject({
  datasetGroups: z.array(z.strictObject({ name, domain: domain.optional(), tags: tags.optional() })).default([]),
  schemas: z
    .array(z.strictObject({ name, schema: z.union([z.string(), z.looseObject({})]), domain: domain.optional() }))
    .default([]),
  datasets: z
    .array(
      z.strictObject({
        /** The name of an entry of `datasetGroups`. */
        datasetGroup: name,
        datasetType,
        /** The name of an entry of `schemas`, or the Avro schema itself. */
        schema: z.union([name, z.looseObject({})]),
        name: name.optional(),
        /** Only for an `Action_Interactions` dataset. */
        trackingId: name.optional(),
        tags: tags.optional(),
      }),
    )
    .default([]),
  eventTrackers: z
    .array(
      z.strictObject({ datasetGroup: name, name: name.optional(), trackingId: name.optional(), tags: tags.optional() }),
    )
    .default([]),
  objects: z
    .array(
      z
        .strictObject({
          location: z.string().regex(/^s3:\/\/[^/]+\/.+$/, 'must be an s3://bucket/key URL'),
          /** The object's body, as UTF-8 text. */
          text: z.string().optional(),
          /** A local file, relative to the state file. */
          file: z.string().min(1).optional(),
        })
        .refine((o) => (o.text === undefined) !== (o.file === undefined), 'must have `text` or `file`, not both'),
    )
    .default([]),
});

/** A state file, as `serve --state` reads it. */
export type ServeState = z.infer<typeof stateSchema>;

function refuse(file: string, at: string, message: string): never {
  throw new InvalidOptionsError(`--state ${file}: ${at}: ${message}`);
}

/** Reads and checks a state file; throws `InvalidOptionsError` naming the entry and the field. */
export async function readServeState(file: string): Promise<ServeState> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    refuse(file, '(file)', error instanceof Error ? error.message : String(error));
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue === undefined ? '(file)' : formatPath(issue.path);
    refuse(file, at, issue?.message ?? 'invalid');
  }
  return parsed.data;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

/** `value` without its `undefined` members (zod's optional fields), as the set-up methods take them. */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** Runs one set-up step, its error named after the entry it came from. */
function step<R>(file: string, at: string, body: () => R): R {
  try {
    return body();
  } catch (error) {
    return refuse(file, at, error instanceof Error ? error.message : String(error));
  }
}

/** Sets the state up on `fake`: groups, schemas, datasets, trackers, then objects (files read from disk). */
export async function applyServeState(fake: MemoryTransport, state: ServeState, file: string): Promise<void> {
  const groups = new Map<string, string>();
  state.datasetGroups.forEach((g, i) => {
    groups.set(
      g.name,
      step(file, `datasetGroups[${i}]`, () => fake.createDatasetGroup(defined(g))),
    );
  });
  const schemas = new Map<string, string>();
  state.schemas.forEach((s, i) => {
    schemas.set(
      s.name,
      step(file, `schemas[${i}]`, () => fake.createSchema(defined(s))),
    );
  });
  const groupArn = (at: string, groupName: string) =>
    groups.get(groupName) ?? refuse(file, `${at}.datasetGroup`, `no entry of datasetGroups is named \`${groupName}\``);
  state.datasets.forEach((d, i) => {
    const at = `datasets[${i}]`;
    const datasetGroupArn = groupArn(at, d.datasetGroup);
    const schema =
      typeof d.schema === 'string'
        ? {
            schemaArn:
              schemas.get(d.schema) ?? refuse(file, `${at}.schema`, `no entry of schemas is named \`${d.schema}\``),
          }
        : { schema: d.schema };
    const { datasetGroup: _, schema: __, ...rest } = d;
    step(file, at, () =>
      fake.createDataset(defined({ ...rest, ...schema, datasetGroupArn, datasetType: d.datasetType })),
    );
  });
  state.eventTrackers.forEach((t, i) => {
    const at = `eventTrackers[${i}]`;
    const { datasetGroup, ...rest } = t;
    const datasetGroupArn = groupArn(at, datasetGroup);
    step(file, at, () => fake.createEventTracker(defined({ ...rest, datasetGroupArn })));
  });
  for (const [i, o] of state.objects.entries()) {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(o.location) as RegExpExecArray;
    const location = { bucket: match[1] as string, key: match[2] as string };
    let body: string | Buffer = o.text ?? '';
    if (o.file !== undefined) {
      const path = resolve(dirname(file), o.file);
      body = await readFile(path).catch((error: Error) => refuse(file, `objects[${i}].file`, error.message));
    }
    fake.putObject(location, body);
  }
}
