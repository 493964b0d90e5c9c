/**
 * The sector cost curve (`GET /api/v1/cost-curve`, as `rerate cost-curve`; issue 21): the chart of the last reported
 * quarter (bars as wide as each company's share of operating hashrate, as tall as its cash cost per BTC, the BTC price
 * across) and a table of every quarter's places, reported figures marked; its warnings folded under it. Its own
 * table and warning classes, so that the coverage table's selectors (`table.data-table`, `.warnings`) keep to it.
 */
import { costCurveChart } from '../../../src/present/cost-curve-chart.ts';
import type { CostCurveResult } from '../api-types.ts';
import { formatUsd } from '../display-format.ts';
import { type Framing, marketQuery } from '../framing.ts';
import { useApi } from '../use-api.ts';
import { AwaitEnvelope } from './await-envelope.tsx';
import { ChartFigure } from './chart-figure.tsx';
import { DefinitionsList } from './definitions-list.tsx';

type UnitCost = CostCurveResult['quarters'][number]['companies'][number]['cashCostPerBtc'];

/** A cost with "reported" beneath it where it is the company's own figure; whole USD per BTC, cents per PH/s-day. */
function Cost({ cost, decimals }: { cost: UnitCost; decimals: number }) {
  return (
    <>
      {formatUsd(cost.usd, decimals)}
      {cost.basis === 'reported' ? <span class="sub">reported</span> : null}
    </>
  );
}

export function CostCurveSection({ framing }: { framing: Framing }) {
  const loaded = useApi<CostCurveResult>('cost-curve', marketQuery(framing));
  return (
    <section class="cost-curve" aria-labelledby="cost-curve-title">
      <h2 id="cost-curve-title">Sector cost curve</h2>
      <AwaitEnvelope loaded={loaded} what="the cost curve (rerate cost-curve)">
        {(envelope) => {
          const results = envelope.results;
          const chart = costCurveChart(results);
          return (
            <>
              {chart ? (
                <ChartFigure
                  spec={chart}
                  width={880}
                  caption={`Last reported quarter ${results.lastReportedQuarter}, as of ${results.asOf}.`}
                />
              ) : null}
              <div class="table-scroll">
                <table class="curve-table" data-table="cost-curve">
                  <thead>
                    <tr>
                      <th scope="col">Quarter</th>
                      <th scope="col">Rank</th>
                      <th scope="col">Ticker</th>
                      <th scope="col" class="numeric">
                        Cash $/BTC
                      </th>
                      <th scope="col" class="numeric">
                        With SG&amp;A $/BTC
                      </th>
                      <th scope="col" class="numeric">
                        Cash $/PH/day
                      </th>
                      <th scope="col" class="numeric">
                        Cumulative share
                      </th>
                      <th scope="col" class="numeric">
                        Percentile
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {results.quarters.flatMap((quarter) =>
                      quarter.companies.map((c) => (
                        <tr key={`${quarter.period} ${c.ticker}`} data-row={`${quarter.period} ${c.ticker}`}>
                          <td>{quarter.period}</td>
                          <td>{c.rank}</td>
                          <td>{c.ticker}</td>
                          <td class="numeric">
                            <Cost cost={c.cashCostPerBtc} decimals={0} />
                          </td>
                          <td class="numeric">
                            <Cost cost={c.cashCostWithSgaPerBtc} decimals={0} />
                          </td>
                          <td class="numeric">
                            <Cost cost={c.cashCostPerPhDay} decimals={2} />
                          </td>
                          <td class="numeric">{(c.cumulativeShare * 100).toFixed(1)}%</td>
                          <td class="numeric">{c.percentile.toFixed(0)}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
              <DefinitionsList definitions={results.definitions} />
              {envelope.warnings.length > 0 ? (
                <details class="curve-warnings" data-field="cost-curve-warnings">
                  <summary>Warnings on the cost curve ({envelope.warnings.length})</summary>
                  <ul>
                    {envelope.warnings.map((warning, index) => (
                      <li key={index}>
                        <code>{warning.code}</code> {warning.message}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </>
          );
        }}
      </AwaitEnvelope>
    </section>
  );
}
