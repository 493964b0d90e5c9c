/**
 * `rerate methodology list` and `rerate methodology show NAME|FILE`: the valuation presets and every parameter with its
 * source.
 */
import { inputField } from '../../schema/input-field.ts';
import { z } from 'zod';
import { methodologyFileSchema } from '../../schema/methodology.ts';
import { defineCommand } from '../command.ts';

const listSchema = z.object({
  methodologies: z.array(
    z.object({ name: z.string(), file: z.string(), targetDate: z.string(), description: z.string() }),
  ),
});
const showSchema = z.object({ file: z.string(), sha256: z.string(), methodology: methodologyFileSchema });

export const methodologyListCommand = defineCommand({
  name: 'methodology list',
  summary: 'The built-in valuation methodology presets',
  description: 'Each preset (data/methodology/) sets every default of the valuation engines with its source.',
  examples: ['rerate methodology list'],
  inputSchema: z.object({}).strict(),
  outputSchema: listSchema,
  async run(_input, ports) {
    const all = await ports.methodologies.list();
    const results = {
      methodologies: all.map((m) => ({
        name: m.methodology.name,
        file: m.file,
        targetDate: m.methodology.targetDate,
        description: m.methodology.description,
      })),
    };
    return { results, asOf: '', dataAsOf: {}, warnings: [] };
  },
  textView(results) {
    return [
      {
        kind: 'table',
        title: 'Methodology presets',
        columns: ['Name', 'Target date', 'File', 'Description'],
        rows: results.methodologies.map((m) => [m.name, m.targetDate, m.file, m.description]),
      },
    ];
  },
});

export const methodologyShowCommand = defineCommand({
  name: 'methodology show',
  summary: 'Every parameter of a methodology preset, with its source',
  description: 'Validates and prints a built-in preset or a YAML file.',
  examples: ['rerate methodology show jpm-2025-11', 'rerate methodology show my-preset.yaml --json'],
  inputSchema: z
    .object({
      methodology: z
        .string({ error: 'name a methodology: rerate methodology show NAME|FILE' })
        .min(1)
        .meta(inputField({ argument: '<name|file>', description: 'a built-in preset or a YAML file' })),
    })
    .strict(),
  outputSchema: showSchema,
  async run(input, ports) {
    const loaded = await ports.methodologies.load(input.methodology);
    return {
      results: { file: loaded.file, sha256: loaded.sha256, methodology: loaded.methodology },
      asOf: '',
      dataAsOf: {},
      warnings: [],
    };
  },
  textView(results) {
    const rows: [string, string][] = [];
    const walk = (node: unknown, path: string) => {
      if (node && typeof node === 'object' && 'value' in node && 'source' in node) {
        const { value, source } = node as { value: unknown; source: string };
        rows.push([path, `${String(value)} — ${source}`]);
      } else if (node && typeof node === 'object') {
        for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
      } else rows.push([path, String(node)]);
    };
    walk(results.methodology, '');
    return [{ kind: 'pairs', title: `Methodology ${results.methodology.name} (${results.file})`, rows }];
  },
});
