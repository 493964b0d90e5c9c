/**
 * The note and the workbook as downloads: the registry's `note` and `export` commands write into a folder made for
 * the request, the bytes are returned and the folder removed. They take seconds (a PDF prints in Chromium), so one
 * is built at a time and a few more may wait; beyond that the server answers 503 busy.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandDefinition } from '../app/command.ts';
import { executeAndRecord } from '../app/execute-command.ts';
import type { AppPorts } from '../app/ports/app-ports.ts';
import { InputError } from '../schema/input-error.ts';
import { ApiError } from './api-error.ts';

export interface DownloadedFile {
  fileName: string;
  contentType: string;
  body: Buffer;
  /** The saved run the note was built from (`results.runId`); exports save no run. Response headers. */
  runId: string | undefined;
  asOf: string;
  warnings: number;
}

const KINDS = {
  note: {
    formats: { html: 'text/html; charset=utf-8', pdf: 'application/pdf' },
    defaultFormat: 'html',
    why: 'md writes a folder of SVG charts: use the CLI (rerate note --format md)',
  },
  export: {
    formats: { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    defaultFormat: 'xlsx',
    why: 'csv writes a folder of files: use the CLI (rerate export --format csv)',
  },
} as const;

export type DownloadKind = keyof typeof KINDS;

const FRAMING_KEYS = ['asOf', 'scenario', 'methodology'] as const;
const MAX_WAITING = 4;

export function fileDownloads(commands: readonly CommandDefinition[], ports: AppPorts) {
  let running: Promise<unknown> = Promise.resolve();
  let waiting = 0;

  return async function download(kind: DownloadKind, query: Record<string, unknown>): Promise<DownloadedFile> {
    const spec = KINDS[kind];
    const input: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(query)) {
      if (name !== 'format' && !(FRAMING_KEYS as readonly string[]).includes(name))
        throw InputError.at([name], `unknown query parameter; this route takes: format, ${FRAMING_KEYS.join(', ')}`);
      if (typeof value !== 'string') throw InputError.at([name], 'give the parameter once');
      if (name !== 'format') input[name] = value;
    }
    const format = (query['format'] as string | undefined) ?? spec.defaultFormat;
    const contentType = (spec.formats as Record<string, string>)[format];
    if (!contentType)
      throw InputError.at(
        ['format'],
        `expected ${Object.keys(spec.formats).join(' or ')}${format === 'md' || format === 'csv' ? `: ${spec.why}` : ''}`,
      );
    const definition = commands.find((command) => command.name === kind);
    if (!definition) throw new Error(`internal error: no ${kind} command in the registry`);

    if (waiting >= MAX_WAITING)
      throw new ApiError(503, 'busy', `${waiting} notes or exports are already being built; retry shortly`, '', {
        'Retry-After': '5',
      });
    waiting += 1;
    const turn = running.then(async () => {
      const folder = await mkdtemp(join(tmpdir(), `rerate-${kind}-`));
      try {
        const out = join(folder, `rerate-${kind}.${format}`);
        const { envelope } = await executeAndRecord(definition, { ...input, format, out }, ports);
        return {
          fileName: `rerate-${kind}-${envelope.asOf}.${format}`,
          contentType,
          body: await readFile(out),
          runId:
            typeof (envelope.results as { runId?: unknown }).runId === 'string'
              ? (envelope.results as { runId: string }).runId
              : undefined,
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
