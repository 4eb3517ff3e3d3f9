/**
 * The `--checkpoint` file of `put`: how far delivery of the file is contiguous, bound to the file's content, so that
 * a run that was killed resumes after that line. Written atomically (a temporary file, then a rename), so a kill
 * in the middle of a write leaves the previous checkpoint.
 * @module
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { InvalidOptionsError } from './library.js';
import type { SourceIdentity } from './source-identity.js';

const CHECKPOINT = z.object({
  version: z.literal(1),
  file: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  line: z.number().int().nonnegative(),
});

/** What the file holds. */
export type CheckpointState = z.infer<typeof CHECKPOINT>;

/** How a `CheckpointFile` writes. */
export interface CheckpointConfiguration {
  /**
   * Least time between two writes while the run goes on, in ms (each is a write and a rename); `write` at the end of
   * a run always writes.
   * @default 200
   */
  intervalMs: number;
  /** The time, in ms since the epoch, for `intervalMs` (tests pass a fake). @default Date.now */
  now: () => number;
}

/** Options of a `CheckpointFile`: any of {@link CheckpointConfiguration}. */
export type CheckpointOptions = Partial<CheckpointConfiguration>;

/** The defaults of {@link CheckpointConfiguration}. */
export const checkpointDefaults = { intervalMs: 200, now: Date.now } as const satisfies CheckpointConfiguration;

/**
 * The line to resume after: 0 when `path` does not exist. Throws `InvalidOptionsError` when it is not a checkpoint
 * or is the checkpoint of other content (another file, or this one since edited).
 */
export function readCheckpoint(path: string, identity: SourceIdentity, file: string): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw new InvalidOptionsError(`--checkpoint ${path} cannot be read: ${(error as Error).message}`);
  }
  let parsed: ReturnType<typeof CHECKPOINT.safeParse>;
  try {
    parsed = CHECKPOINT.safeParse(JSON.parse(text));
  } catch {
    throw new InvalidOptionsError(`--checkpoint ${path} is not a checkpoint of put (not JSON)`);
  }
  if (!parsed.success) throw new InvalidOptionsError(`--checkpoint ${path} is not a checkpoint of put`);
  const state = parsed.data;
  if (state.sha256 !== identity.sha256 || state.size !== identity.size) {
    throw new InvalidOptionsError(
      `--checkpoint ${path} is the checkpoint of another file (${state.file}, sha256 ${state.sha256.slice(0, 12)}…), ` +
        `not of ${file} (sha256 ${identity.sha256.slice(0, 12)}…): name another checkpoint, or delete it to start over`,
    );
  }
  return state.line;
}

/** Writes the checkpoint of one file as its frontier moves. */
export class CheckpointFile {
  readonly path: string;
  readonly #base: Omit<CheckpointState, 'line'>;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #written: number | undefined;
  #writtenAt = Number.NEGATIVE_INFINITY;

  constructor(path: string, identity: SourceIdentity, file: string, options: CheckpointOptions = {}) {
    this.path = path;
    this.#base = { version: 1, file, sha256: identity.sha256, size: identity.size };
    const { intervalMs, now } = { ...checkpointDefaults, ...options };
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /** Records `line`, unless the last write was less than `intervalMs` ago. */
  update(line: number): void {
    if (this.#now() - this.#writtenAt >= this.#intervalMs) this.write(line);
  }

  /** Writes `line` now (at the end of a run). */
  write(line: number): void {
    if (line === this.#written) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ ...this.#base, line })}\n`);
    renameSync(temporary, this.path);
    this.#written = line;
    this.#writtenAt = this.#now();
  }
}
