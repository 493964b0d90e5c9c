/**
 * The note and the workbook as downloads: the registry's `note` and `export` commands write into a folder made for
 * the request, the bytes are returned and the folder removed. They take seconds (a PDF prints in Chromium), so one
 * is built at a time (on the worker pool when the server has one: a single worker, so the others stay free for
 * valuations, and first in its queue) and a few more may wait; beyond that the server answers 503 busy.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { CommandDefinition } from '../app/command.ts';
import type { ResultEnvelope } from '../schema/result-envelope.ts';
import { InputError } from '../schema/input-error.ts';
import { ApiError } from './api-error.ts';
import type { CommandExecution } from './command-execution.ts';

export interface DownloadedFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  /** The saved run the note was built from (`results.runId`); exports save no run. Response headers. */
  runId: string | undefined;
  asOf: string;
  warnings: number;
}

const MAX_WAITING = 4;

export function fileDownloads(execute: CommandExecution) {
  let running: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  return async function download<Results>(
    definition: CommandDefinition<z.ZodType, Results>,
    query: Record<string, unknown>,
  ): Promise<DownloadedFile> {
    const spec = definition.http?.download;
    if (!spec) throw new Error(`internal error: ${definition.name} is not a download`);
    const kind = definition.name;
    const input: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(query)) {
      if (name !== 'format' && !spec.query.includes(name))
        throw InputError.at([name], `unknown query parameter; this route takes: format, ${spec.query.join(', ')}`);
      if (typeof value !== 'string') throw InputError.at([name], 'give the parameter once');
      if (name !== 'format') input[name] = value;
    }
    const served = Object.keys(spec.formats);
    const format = (query['format'] as string | undefined) ?? (served[0] as string);
    const contentType = spec.formats[format];
    if (!contentType) {
      // A format the command writes but the API does not serve: say why.
      const written = definition.options.find((option) => option.key === 'format')?.choices ?? [];
      const why = written.includes(format) ? `: ${spec.otherFormats}` : '';
      throw InputError.at(['format'], `expected ${served.join(' or ')}${why}`);
    }

    if (waiting >= MAX_WAITING)
      throw new ApiError(503, 'busy', `${waiting} notes or exports are already being built; retry shortly`, '', {
        'Retry-After': '5',
      });
    waiting += 1;
    const turn = running.then(async () => {
      const folder = await mkdtemp(join(tmpdir(), `rerate-${kind}-`));
      try {
        const out = join(folder, `rerate-${kind}.${format}`);
        // It has waited its turn here: first in the pool's queue, and left to finish (Chromium) at its deadline.
        const answer = await execute(definition, { ...input, format, out }, { download: true });
        const envelope = JSON.parse(answer.envelopeJson) as ResultEnvelope<Results>;
        return {
          fileName: `rerate-${kind}-${envelope.asOf}.${format}`,
          contentType,
          body: await readFile(out),
          runId: spec.runOf?.(envelope.results),
          asOf: envelope.asOf,
          warnings: envelope.warnings.length,
        };
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
    running = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      waiting -= 1;
    }
  };
}
