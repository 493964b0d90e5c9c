/**
 * `rerate schema company` (the company file's JSON Schema) and `rerate coverage list|show` (the covered companies,
 * with every figure's provenance visible).
 */
import { inputField } from '../../schema/input-field.ts';
import { z } from 'zod';
import {
  assumedNotes,
  completenessOf,
  COMPLETENESS_DEFINITION,
  figureProvenance,
} from '../../schema/company-provenance.ts';
import { companyFileSchema } from '../../schema/company.ts';
import { defineCommand } from '../command.ts';
import { formatNumber } from '../../present/format.ts';
import { valuationStart } from '../../inputs/valuation-start.ts';
import { loadNetworkState } from '../sessions/network-state.ts';
import { valuationAsOfRange } from '../sessions/valued-companies.ts';

export const schemaCompanyCommand = defineCommand({
  name: 'schema company',
  summary: 'The JSON Schema of the company file',
  description: 'Prints the JSON Schema (draft 2020-12) of the company YAML file described in docs/company-file.md.',
  examples: ['rerate schema company', 'rerate schema company --json'],
  inputSchema: z.object({}).strict(),
  outputSchema: z.record(z.string(), z.unknown()),
  async run() {
    return {
      results: z.toJSONSchema(companyFileSchema, { io: 'input' }) as Record<string, unknown>,
      asOf: 'n/a',
      dataAsOf: {},
      warnings: [],
    };
  },
  textView(schema) {
    return [
      { kind: 'text', title: 'Company file JSON Schema (docs/company-file.md)', text: JSON.stringify(schema, null, 2) },
    ];
  },
});

const provenanceSchema = z.object({
  path: z.string(),
  value: z.number(),
  kind: z.enum(['sourced', 'assumption', 'unlabelled']),
  note: z.string(),
  asOf: z.string().optional(),
});

export const coverageListCommand = defineCommand({
  name: 'coverage list',
  summary: 'The covered companies',
  description:
    'Lists the company files of the coverage universe (data/coverage/), with their as-of dates, how many figures ' +
    'are sourced or assumed (completeness: the sourced share of its figures), and the first as-of date each can be ' +
    'valued at (its first fleet hashrate); and the range of as-of dates a valuation can take: from the first date ' +
    'a company can be valued to the last day of the data.',
  examples: ['rerate coverage list'],
  inputSchema: z.object({}).strict(),
  outputSchema: z.object({
    companies: z.array(
      z.object({
        ticker: z.string(),
        name: z.string(),
        asOf: z.string(),
        file: z.string(),
        /** Leaf numbers of the file counted as figures (`definitions.completeness`). */
        figures: z.number().int(),
        sourced: z.number().int(),
        assumed: z.number().int(),
        unlabelled: z.number().int(),
        /** Sourced ÷ figures, percent. */
        sourcedPct: z.number(),
        /** The first as-of date the company can be valued at (src/inputs/valuation-start.ts). */
        valuedFrom: z.string(),
      }),
    ),
    /** The as-of dates a valuation can take: the first date a company can be valued, the data's last day. */
    asOfRange: z.object({ first: z.string(), last: z.string() }).nullable(),
    definitions: z.object({ completeness: z.string() }),
  }),
  async run(_input, ports) {
    const companies = (await ports.coverage.tickers()).map((ticker) => ports.coverage.load(ticker));
    const loaded = await Promise.all(companies);
    const state = await loadNetworkState(ports);
    return {
      results: {
        companies: loaded.map(({ company, raw, file }) => ({
          ticker: company.ticker,
          name: company.name,
          asOf: company.asOf,
          file,
          ...completenessOf(figureProvenance(raw)),
          valuedFrom: valuationStart(company).date,
        })),
        asOfRange: valuationAsOfRange(state.snapshot.history, loaded),
        definitions: { completeness: COMPLETENESS_DEFINITION },
      },
      asOf: 'n/a',
      dataAsOf: state.dataAsOf,
      warnings: [],
    };
  },
  textView(results) {
    return [
      {
        kind: 'table',
        title: 'Coverage',
        columns: ['Ticker', 'Name', 'As of', 'Valued from', 'Sourced', 'Figures', 'Assumed', 'Unlabelled', 'File'],
        rows: results.companies.map((c) => [
          c.ticker,
          c.name,
          c.asOf,
          c.valuedFrom,
          `${formatNumber(c.sourcedPct, 1)}%`,
          `${c.sourced} of ${c.figures}`,
          String(c.assumed),
          String(c.unlabelled),
          c.file,
        ]),
        notes: [
          `Completeness: ${results.definitions.completeness}.`,
          results.asOfRange
            ? `Valuations as of ${results.asOfRange.first} … ${results.asOfRange.last} (--as-of); before a ` +
              'company’s first date it is listed as not valued.'
            : 'No as-of date in the data at which a company can be valued.',
        ],
      },
    ];
  },
});

export const coverageShowCommand = defineCommand({
  name: 'coverage show',
  summary: 'One covered company, every figure marked sourced [S] or assumed [A]',
  description:
    'Prints a company file of the coverage universe, validated, with each figure’s source or the rationale of its ' +
    'assumption.',
  examples: ['rerate coverage show CIFR', 'rerate coverage show IREN --json'],
  inputSchema: z
    .object({
      ticker: z
        .string({ error: 'name a ticker: rerate coverage show TICKER' })
        .transform((t) => t.toUpperCase())
        .meta(inputField({ argument: '<ticker>', description: 'the ticker (CIFR, CLSK, IREN, MARA, RIOT)' })),
    })
    .strict(),
  outputSchema: z.object({
    ticker: z.string(),
    name: z.string(),
    asOf: z.string(),
    file: z.string(),
    company: z.record(z.string(), z.unknown()),
    figures: z.array(provenanceSchema),
    /** Non-numeric values (dates, terms) that are assumptions, with why. */
    assumedValues: z.array(z.object({ path: z.string(), note: z.string() })),
  }),
  async run(input, ports) {
    const { company, raw, file } = await ports.coverage.load(input.ticker);
    return {
      results: {
        ticker: company.ticker,
        name: company.name,
        asOf: company.asOf,
        file,
        company: company as unknown as Record<string, unknown>,
        figures: figureProvenance(raw),
        assumedValues: assumedNotes(raw),
      },
      asOf: company.asOf,
      dataAsOf: {},
      warnings: figureProvenance(raw)
        .filter((f) => f.kind === 'unlabelled')
        .map((f) => ({
          code: 'unlabelled-figure',
          message: `${f.path} has neither a source nor an assumption`,
          field: `figures`,
        })),
    };
  },
  textView(results) {
    const marker = { sourced: '[S]', assumption: '[A]', unlabelled: '[?]' } as const;
    return [
      {
        kind: 'table',
        title: `${results.name} (${results.ticker}) as of ${results.asOf} — ${results.file}`,
        columns: ['Field', 'Value', '', 'Source or assumption'],
        rows: results.figures.map((f) => [
          f.path,
          formatNumber(f.value, Number.isInteger(f.value) ? 0 : 4),
          marker[f.kind],
          `${f.note}${f.asOf ? ` (as of ${f.asOf})` : ''}`,
        ]),
        notes: ['[S] sourced   [A] assumption, with its rationale   [?] neither'],
      },
      ...(results.assumedValues.length > 0
        ? [
            {
              kind: 'table' as const,
              title: 'Other assumed values',
              columns: ['Object', 'Assumed'],
              rows: results.assumedValues.map((a) => [a.path, a.note]),
            },
          ]
        : []),
    ];
  },
});
