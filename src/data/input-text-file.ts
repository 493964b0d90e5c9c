/**
 * The one way an input file (a company, scenario, methodology or calendar YAML; a forward-curve, reported-figures or
 * network CSV) is read from disk (issue 19, "text hygiene"). It must be a regular file of at most
 * MAX_INPUT_FILE_BYTES, and its bytes are decoded by src/schema/input-text.ts (strict UTF-8, printable, a byte-order
 * mark dropped). A missing file, a folder, a pipe or device, a file that cannot be read or one too large is an input
 * error that names the file and, when a user named it, the field; never the system's errno text.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../schema/input-error.ts';
import { decodeInputText } from '../schema/input-text.ts';

/**
 * 16 MiB. The largest file rerate ships is data/network-daily.csv at under 0.5 MB (about 25 years of days would
 * be 1.6 MB); a company file is under 20 kB. The bound keeps a stray file (a log, a disk image) from being read whole
 * and parsed, which for YAML costs tens of times its size in memory.
 */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** System errors that say something about the file named, in plain words. */
const INPUT_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EINVAL: 'not a valid file name',
};

/** How an input file is named in messages, and who named it. */
export interface InputFileNaming {
  /** The file as messages show it: data/coverage/RIOT.yaml, or the path as the user gave it. */
  shownAs: string;
  /** What the file is: "scenario file", "forward-curve file", "company file". */
  kind: string;
  /** The input field (a CLI flag, an API field) whose value named the file; absent for the package's own data. */
  field?: string;
  /** The key inside that field's file that named this one (a scenario's price.curve). */
  key?: string;
  /** The file that named this one. */
  namedIn?: string;
}

/** The text of the input file at `path`, or an InputError naming it (see the file comment). */
export function readInputTextFile(path: string, naming: InputFileNaming): string {
  const shown = naming.shownAs;
  const refuse = (problem: string): never => {
    const where = naming.namedIn === undefined ? '' : ` (named in ${naming.namedIn})`;
    const message = `${naming.key === undefined ? '' : `${naming.key}: `}${problem}${where}`;
    throw new InputError([{ path: naming.field === undefined ? [] : [naming.field], message }]);
  };
  const failed = (error: unknown): never => {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(`no ${naming.kind} at ${shown}`);
    if (code === 'EISDIR') return refuse(`${shown} is a folder, not a ${naming.kind}`);
    const inputProblem = INPUT_PROBLEMS[code];
    if (inputProblem !== undefined) return refuse(`${shown} cannot be read: ${inputProblem}`);
    // The machine's trouble (no file handles left, a disk error), not the input's: a plain error, not a usage one.
    throw new Error(`${shown} cannot be read: system error ${code || 'without a code'}`);
  };
  let descriptor: number;
  try {
    // Non-blocking, so that naming a pipe cannot hang the open; a regular file reads as usual.
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return failed(error);
  }
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) return refuse(`${shown} is a folder, not a ${naming.kind}`);
    if (!stats.isFile())
      return refuse(`${shown} is not a regular file (a pipe, socket or device), not a ${naming.kind}`);
    const tooLarge = () =>
      refuse(`${shown} is larger than ${MAX_INPUT_FILE_BYTES / 1024 / 1024} MiB, the most an input file may hold`);
    if (stats.size > MAX_INPUT_FILE_BYTES) return tooLarge();
    // Read to the end rather than to the size stat gave: the file may grow while read, and some files report 0.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const read = readSync(descriptor, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_INPUT_FILE_BYTES) return tooLarge();
    }
    return decodeInputText(Buffer.concat(chunks, total), shown);
  } catch (error) {
    if (error instanceof InputError) throw error;
    return failed(error);
  } finally {
    closeSync(descriptor);
  }
}
