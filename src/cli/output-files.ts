/**
 * Checks of the files `put` writes (`--rejected`, `--checkpoint`) before anything is opened: a file that is the
 * input would be truncated before it is read, and a file in a missing directory would fail only after records
 * were sent.
 * @module
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidOptionsError } from './library.js';

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const left = statSync(a, { throwIfNoEntry: false });
  const right = statSync(b, { throwIfNoEntry: false });
  // Same device and inode: a hard link, a symlink, or another spelling of the same path.
  return left !== undefined && right !== undefined && left.dev === right.dev && left.ino === right.ino;
}

/**
 * Throws `InvalidOptionsError` (exit 2) when `path`, given as `flag`, is the file of `inputFlag` (the input, or
 * another output) or cannot be created.
 * Character devices (`/dev/null`, `/dev/stdout`) are allowed.
 */
export function checkOutputFile(flag: string, path: string, input: string, inputFlag = '--file'): void {
  if (sameFile(path, input)) {
    throw new InvalidOptionsError(`${flag} ${path} is the same file as ${inputFlag} ${input}: it would be overwritten`);
  }
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new InvalidOptionsError(`${flag} ${path} is a directory: name a file`);
  if (existing !== undefined) return;
  const dir = statSync(dirname(resolve(path)), { throwIfNoEntry: false });
  if (dir === undefined || !dir.isDirectory()) {
    throw new InvalidOptionsError(`${flag} ${path}: the directory ${dirname(resolve(path))} does not exist`);
  }
}
