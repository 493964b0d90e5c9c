/**
 * The comps table over the coverage (issue 21): every covered company valued as `rerate update` values it, its
 * estimates for the trailing quarter (realized hashrate from the BTC it mined, reported months in place of modeled
 * ones) and the four quarters from the as-of date's (EBITDA), its enterprise value with each part stated, the
 * multiples and the market-implied HPC share; then the quartiles of each column. Any company file in the coverage
 * joins with no code change.
 */
import type { AppPorts } from '../ports/app-ports.ts';
import type { ValuationFlags } from './framing.ts';
import { openValuationSession } from './open-valuation-session.ts';
import { companiesValuedAsOf } from './valued-companies.ts';
import { estimateCompanies, type CompanyEstimate } from './company-estimates.ts';
import type { ValuedCompany } from './valuation-session.ts';
import { impliedHpcShare } from './implied-hpc-share.ts';
import { companyHeadline } from './valuation-views.ts';
import { periodContaining, type CalendarPeriod } from '../../units/calendar-period.ts';
import { isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import { dilutedSharesAtPrice, enterpriseValue } from '../../valuation/enterprise-value.ts';
import { columnQuartiles, compsMultiples, realizedHashrateEhs } from '../../valuation/comps-multiples.ts';
import type { Sourced } from '../../valuation/explain.ts';
import type { NetworkDays } from '../../company/network-days.ts';
import type { CompsResult, CompsRow } from '../../schema/comps.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import { InputError } from '../../schema/input-error.ts';
import { COMPS_COLUMNS, COMPS_DEFINITIONS } from './comps-columns.ts';

export async function compsOfCoverage(
  flags: ValuationFlags,
  ports: AppPorts,
): Promise<{ results: CompsResult; dataAsOf: Record<string, string>; warnings: ResultWarning[] }> {
  const opened = await openValuationSession(flags, ports);
  const { session, asOfDay } = opened;
  const covered = await Promise.all((await ports.coverage.tickers()).map((t) => ports.coverage.load(t)));
  const { valued: loaded, notValued } = companiesValuedAsOf(covered, opened.framing.asOf);
  const trailing = periodContaining((opened.quarter.startDay - 1) as DayNumber, 'quarter');
  const next = [opened.quarter];
  while (next.length < 4) next.push(periodContaining((next.at(-1) as CalendarPeriod).endDayExclusive, 'quarter'));
  const estimates = await estimateCompanies({
    framing: session.setup,
    companies: loaded,
    periodsOf: () => [trailing, ...next],
    reported: (await ports.reported.embedded()).figures,
    periodField: 'asOf',
  });
  const btc = btcCloseOnOrBefore(opened.state.snapshot.history.daily, asOfDay);
  const btcPriceUsd: Sourced = {
    value: btc.priceUsd,
    source: `data snapshot ${opened.state.snapshot.snapshotId.slice(0, 12)}: BTC close on ${btc.date}`,
  };
  const rows: CompsRow[] = [];
  const warnings: ResultWarning[] = [];
  for (const [index, company] of loaded.entries()) {
    const valued = await session.value(company);
    const estimate = estimates.companies[index] as CompanyEstimate;
    rows.push(
      await compsRow(valued, estimate, estimates.network, trailing, { ...btcPriceUsd, date: btc.date }, session),
    );
    warnings.push(...valued.warnings);
  }
  const quartiles = COMPS_COLUMNS.map(({ column, of }) => ({ column, ...columnQuartiles(rows.map(of)) }));
  return {
    results: {
      ...opened.framing,
      companies: rows,
      notValued,
      quartiles,
      definitions: COMPS_DEFINITIONS,
    },
    dataAsOf: opened.state.dataAsOf,
    warnings: [...warnings, ...estimates.warnings.filter((w) => w.code !== 'no-sga')],
  };
}

async function compsRow(
  valued: ValuedCompany,
  estimate: CompanyEstimate,
  network: NetworkDays,
  trailing: CalendarPeriod,
  btcPriceUsd: Sourced & { date: string },
  session: Parameters<typeof impliedHpcShare>[0],
): Promise<CompsRow> {
  const { inputs, valuation, loaded } = valued;
  const { file, company } = loaded;
  const headline = companyHeadline(valued);
  const { capital } = inputs;
  const basicShares: Sourced = {
    value: capital.basicShares,
    source: `${file} shares.basic, with the financing events of balanceSheet.rollForward public by the as-of date`,
  };
  const ev = enterpriseValue({
    sharePriceUsd: inputs.sharePriceUsd,
    basicShares,
    straightDebt: inputs.straightDebt,
    convertibles: capital.convertibles,
    convertiblesSource: `${file} balanceSheet.debt (convertible principal, rolled forward)`,
    otherClaimsUsd: inputs.otherClaimsUsd,
    cashUsd: inputs.cashUsd,
    btcHeld: inputs.treasury.btcHeld,
    btcPriceUsd: { value: btcPriceUsd.value, source: btcPriceUsd.source },
  });
  const asOfIndex = inputs.startIndex - 1;
  const installed = inputs.days.energizedEhs[asOfIndex] as number;
  const installedEhs = Number.isFinite(installed) ? installed : 0;
  const from = trailing.startDay - network.firstDay;
  const realizedEhs = realizedHashrateEhs(
    estimate.days.btcMined,
    network.btcPerEhDay,
    estimate.model.poolFee,
    from,
    trailing.endDayExclusive - network.firstDay,
  );
  const [trailingPeriod, ...nextPeriods] = estimate.periods;
  const ebitda = nextPeriods.map((p) => p.adjustedEbitdaUsd);
  const nextFourQuartersEbitdaUsd = ebitda.every(Number.isFinite) ? ebitda.reduce((a, b) => a + b, 0) : null;
  const mw = mwByStage(inputs.sites);
  const hpcValueUsd = valuation.leasesUsd + valuation.pipelineUsd;
  const blockRewardGrossProfitUsd = valuation.mining.revenueUsd - valuation.mining.cashCostUsd;
  const multiples = compsMultiples({
    enterpriseValueUsd: ev.enterpriseValueUsd,
    installedEhs,
    realizedEhs,
    mw,
    hpcValueUsd,
    nextFourQuartersEbitdaUsd,
    blockRewardGrossProfitUsd,
  });
  return {
    ticker: company.ticker,
    name: company.name,
    sharePriceUsd: headline.sharePriceUsd,
    sharePriceDate: headline.sharePriceDate,
    sharePriceSource: headline.sharePriceSource,
    basicShares: basicShares.value,
    basicSharesSource: basicShares.source,
    marketCapUsd: ev.marketCapUsd,
    dilutedMarketCapUsd:
      inputs.sharePriceUsd.value *
      dilutedSharesAtPrice(inputs.sharePriceUsd.value, capital.basicShares, capital.convertibles, capital.dilutive),
    balanceSheetAsOf: company.balanceSheet.asOf,
    btcPriceUsd: btcPriceUsd.value,
    btcPriceDate: btcPriceUsd.date,
    enterpriseValueParts: ev.parts,
    enterpriseValueUsd: ev.enterpriseValueUsd,
    installedEhs,
    realizedEhs,
    realizedPeriod: trailing.label,
    realizedActualMonths: trailingPeriod?.actualMonths ?? [],
    mw: { operating: mw.operating, underConstruction: mw.underConstruction, approved: mw.approved },
    ...multiples,
    hpcValueUsd,
    nextFourQuarters: nextPeriods.map((p) => p.period),
    nextFourQuartersEbitdaUsd,
    blockRewardHorizonYears: inputs.parameters.mining.horizonYears.value,
    blockRewardGrossProfitUsd,
    impliedHpc: await impliedHpcShare(session, valued),
    notes: valued.notes,
  };
}

/**
 * Ownership-weighted gross MW by stage on the as-of day: an operating site still being built out counts its
 * energized MW as operating and the rest at its `unenergizedStage`. In-queue and undeveloped MW are not a column.
 */
export function mwByStage(
  sites: readonly {
    stage: string;
    grossMw: number;
    ownership: number;
    buildOut?: { unenergizedStage: string; energizedMw: number } | undefined;
  }[],
): { operating: number; underConstruction: number; approved: number } {
  const mw = { operating: 0, underConstruction: 0, approved: 0 };
  const add = (stage: string, value: number) => {
    if (stage === 'operating') mw.operating += value;
    else if (stage === 'under-construction') mw.underConstruction += value;
    else if (stage === 'approved') mw.approved += value;
  };
  for (const site of sites) {
    if (site.buildOut) {
      const energized = Math.min(site.grossMw, site.buildOut.energizedMw);
      add(site.stage, energized * site.ownership);
      add(site.buildOut.unenergizedStage, (site.grossMw - energized) * site.ownership);
    } else add(site.stage, site.grossMw * site.ownership);
  }
  return mw;
}

/** The BTC close of the as-of day, or of the last day before it with one (a day without a price in the data). */
function btcCloseOnOrBefore(
  daily: { firstDay: DayNumber; priceUsd: ArrayLike<number> },
  asOfDay: DayNumber,
): { priceUsd: number; date: string } {
  for (let day = asOfDay; day >= daily.firstDay; day--) {
    const price = daily.priceUsd[day - daily.firstDay] as number;
    if (Number.isFinite(price) && price > 0) return { priceUsd: price, date: isoFromDay(day as DayNumber) };
  }
  throw InputError.at(['asOf'], `the data has no BTC price on or before ${isoFromDay(asOfDay)}`);
}
