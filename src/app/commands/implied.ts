/**
 * `rerate implied TICKER --solve INPUT [--share-price P]`: the value of one input at which the price target equals
 * the market price — what the price implies (DESIGN.md §7; the seed's IREN question).
 */
import { solveImplied } from '../../scenarios/implied-value.ts';
import { impliedInputSchema, VALUATION_INPUT_NAMES } from '../../schema/valuation-inputs.ts';
import { impliedSchema, type ImpliedResult } from '../../schema/valuation.ts';
import { defineCommand } from '../command.ts';
import { formatNumber, formatUsd } from '../../present/format.ts';
import { baseValueOf, openValuationSession, VALUATION_INPUTS } from '../sessions/open-valuation-session.ts';

export const impliedCommand = defineCommand({
  name: 'implied',
  summary: 'The value of one input at which the price target equals the share price: what the price implies',
  description:
    `Solves for one input (${VALUATION_INPUT_NAMES.join(', ')}) ` +
    'so that the target equals the share price (the company ' +
    'file’s, or --share-price), all else as valued. When the target does not cross the price anywhere in the input’s ' +
    'range, it says so and gives the targets at both ends.',
  examples: [
    'rerate implied IREN --solve signed-mw',
    'rerate implied IREN --solve hpc-usd-per-mw --share-price 54',
    'rerate implied RIOT --solve btc-price',
  ],
  http: { heavy: true },
  inputSchema: impliedInputSchema,
  outputSchema: impliedSchema,
  async run(input, ports) {
    const opened = await openValuationSession(input, ports);
    const loaded = await ports.coverage.load(input.target, 'target');
    const base = await opened.session.value(loaded);
    const spec = VALUATION_INPUTS[input.solve];
    const baseValue = baseValueOf(input.solve, base, opened, 'solve');
    const sharePrice = input.sharePrice ?? base.inputs.sharePriceUsd.value;
    const sharePriceSource = input.sharePrice === undefined ? base.inputs.sharePriceUsd.source : 'flag --share-price';
    const metric = async (value: number) =>
      (await opened.session.value(loaded, spec.options(value))).valuation.targetUsd;
    const fullBracket = spec.bracket(baseValue);
    // An input with a physical limit is solved within it first; beyond it only to say what the price would need.
    const limit = spec.limit?.(base);
    const bracket = limit
      ? { low: fullBracket.low, high: Math.max(fullBracket.low, Math.min(fullBracket.high, limit.max)) }
      : fullBracket;
    const outcome = await solveImplied(metric, sharePrice, bracket, spec.tolerance);
    const unconstrained =
      limit && outcome.kind === 'no-crossing' && bracket.high < fullBracket.high
        ? await solveImplied(metric, sharePrice, fullBracket, spec.tolerance)
        : null;
    const fmt = (value: number) => `${formatNumber(value, Math.abs(value) < 10 ? 4 : 0)} ${spec.unit}`;
    const ticker = loaded.company.ticker;
    const infeasible = limit && unconstrained?.kind === 'solved' ? { limit, needed: unconstrained.value } : null;
    const targetAtMax = outcome.kind === 'no-crossing' ? outcome.metricAtHigh : null;
    const results: ImpliedResult = {
      ...opened.framing,
      ticker,
      input: input.solve,
      unit: spec.unit,
      sharePriceUsd: sharePrice,
      sharePriceSource,
      base: baseValue,
      baseTargetUsd: base.valuation.targetUsd,
      solved: outcome.kind === 'solved',
      impliedValue: outcome.kind === 'solved' ? outcome.value : null,
      targetAtImpliedUsd: outcome.kind === 'solved' ? outcome.metric : null,
      bracket:
        outcome.kind === 'no-crossing'
          ? {
              low: outcome.low,
              high: outcome.high,
              targetAtLowUsd: outcome.metricAtLow,
              targetAtHighUsd: outcome.metricAtHigh,
            }
          : { low: bracket.low, high: bracket.high, targetAtLowUsd: null, targetAtHighUsd: null },
      evaluations: outcome.evaluations + (unconstrained?.evaluations ?? 0),
      feasibility: limit
        ? {
            maxValue: limit.max,
            describe: limit.describe,
            targetAtMaxUsd: targetAtMax,
            feasible: outcome.kind === 'solved',
            unconstrainedValue: unconstrained?.kind === 'solved' ? unconstrained.value : null,
          }
        : null,
      explanation:
        outcome.kind === 'solved'
          ? `${ticker} at ${formatUsd(sharePrice)} implies ${input.solve} = ${fmt(outcome.value)} ` +
            `(base ${fmt(baseValue)}, where the target is ${formatUsd(base.valuation.targetUsd)}), ` +
            `everything else as valued: ${spec.describe}.` +
            (limit ? ` It fits: at most ${fmt(limit.max)} (${limit.describe}).` : '')
          : infeasible
            ? `${ticker} at ${formatUsd(sharePrice)} would need ${input.solve} = ${fmt(infeasible.needed)}: ` +
              `physically infeasible, beyond the ${fmt(infeasible.limit.max)} the company can take ` +
              `(${infeasible.limit.describe}). At that maximum the target is ${formatUsd(targetAtMax ?? NaN)}; ` +
              'the rest of the price must rest on other inputs.'
            : `No ${input.solve} in [${fmt(outcome.low)}, ${fmt(outcome.high)}] ` +
              `makes the target ${formatUsd(sharePrice)}: ` +
              `the target runs from ${formatUsd(outcome.metricAtLow)} to ${formatUsd(outcome.metricAtHigh)} ` +
              'over that range, so the price must rest on other inputs.',
    };
    return { results, asOf: results.asOf, dataAsOf: opened.state.dataAsOf, warnings: base.warnings };
  },
  textView(r) {
    return [
      {
        kind: 'pairs',
        title:
          `${r.ticker}: what ${formatUsd(r.sharePriceUsd)} implies for ${r.input} — ` +
          `as of ${r.asOf}, methodology ${r.methodology.name}, scenario ${r.scenario.name}`,
        rows: [
          ['Share price', `${formatUsd(r.sharePriceUsd)} (${r.sharePriceSource})`],
          [
            'Base',
            `${formatNumber(r.base, Math.abs(r.base) < 10 ? 4 : 0)} ${r.unit} → target ${formatUsd(r.baseTargetUsd)}`,
          ],
          [
            'Implied',
            r.impliedValue === null
              ? (r.feasibility?.unconstrainedValue ?? null) !== null
                ? 'none that the sites can take'
                : 'no solution in the range'
              : `${formatNumber(r.impliedValue, Math.abs(r.impliedValue) < 10 ? 4 : 0)} ${r.unit} ` +
                `→ target ${formatUsd(r.targetAtImpliedUsd)}`,
          ],
          ...(r.feasibility
            ? [
                [
                  'Feasible',
                  `at most ${formatNumber(r.feasibility.maxValue, 0)} ${r.unit}` +
                    (r.feasibility.targetAtMaxUsd === null
                      ? ''
                      : ` → target ${formatUsd(r.feasibility.targetAtMaxUsd)}`) +
                    (r.feasibility.unconstrainedValue === null
                      ? ''
                      : `; the price needs ${formatNumber(r.feasibility.unconstrainedValue, 0)} ${r.unit}: ` +
                        'physically infeasible'),
                ] as [string, string],
              ]
            : []),
          ['Answer', r.explanation],
          ['Evaluations', String(r.evaluations)],
        ],
      },
    ];
  },
});
