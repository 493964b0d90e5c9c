/**
 * Valuing covered companies (DESIGN.md §6–7): one network span — history to the as-of day, then the deterministic
 * projection under the scenario for the methodology's mining horizon and the target date — and per company the
 * company model on the expected-displacement basis, its valuation inputs from the file and the methodology, the
 * scenario's company adjustments and power-policy rule, then the sum of the parts. A session caches the network
 * per set of path overrides, so a sensitivity grid re-projects only when a network input moves.
 */
import { companyDays } from '../../company/company-days.ts';
import type { CompanyModel } from '../../company/company-model.ts';
import { DAYS_PER_YEAR } from '../../company/hpc-revenue.ts';
import type { NetworkDays } from '../../company/network-days.ts';
import {
  adjustCompanyModel,
  adjustValuationInputs,
  type CompanyAdjustments,
} from '../../scenarios/company-adjustments.ts';
import { applyErcotRule, type ErcotRule, type SiteAtRisk } from '../../scenarios/ercot-rule.ts';
import { dayFromIso, isoFromDay, type DayNumber } from '../../units/calendar-day.ts';
import type { Sourced } from '../../valuation/explain.ts';
import {
  expectedDisplacements,
  valueCompany,
  type CompanyValuation,
  type CompanyValuationInputs,
} from '../../valuation/sum-of-parts.ts';
import { companyModelFromFile } from '../../inputs/company-model-from-file.ts';
import type { LoadedCompany } from '../../inputs/loaded-files.ts';
import type { ValuationFraming } from './framing.ts';
import { networkSpan } from './network-span.ts';
import type { PathOverrides, ProjectionInputs } from '../../inputs/projection-inputs.ts';
import type { ResultWarning } from '../../schema/result-envelope.ts';
import { indexFigures, valuationInputsFromFile, type FigureIndex } from '../../inputs/valuation-inputs-from-file.ts';
import { adjustmentsOf } from '../../inputs/scenario-adjustments.ts';
import { companyAsOf, withheldWarning } from '../../inputs/point-in-time.ts';
import { figuresOlderThanAsOf } from '../../inputs/older-figures.ts';
import type { OlderFigure } from '../../schema/older-figures.ts';
import { olderFiguresNote } from '../../present/older-figures-text.ts';
import { assertValuedAsOf } from './valued-companies.ts';
import { sharePriceAsOf } from '../../inputs/stored-share-price.ts';

export interface ValuationSetup extends ValuationFraming {
  /** A first day before the as-of date the network must also cover (for quarter figures). */
  firstDay?: DayNumber | undefined;
}

export interface NetworkRun {
  network: NetworkDays;
  projection: ProjectionInputs;
}

export interface ValuationOptions {
  /** Path overrides on top of the command's (sensitivities). */
  overrides?: PathOverrides;
  /** Company adjustments on top of the scenario's. */
  adjustments?: CompanyAdjustments;
  /** The power-policy rule to apply instead of the scenario's (null: none). */
  policy?: { rule: ErcotRule; sites?: ReadonlySet<string> } | null;
}

export interface ValuedCompany {
  loaded: LoadedCompany;
  model: CompanyModel;
  inputs: CompanyValuationInputs;
  valuation: CompanyValuation;
  btcPriceAtTarget: Sourced;
  policySites: SiteAtRisk[] | undefined;
  warnings: ResultWarning[];
  /** Short notes on stale or assumed key inputs, shown beside the numbers. */
  notes: string[];
  /** The figures dated before a later as-of date than the file's (src/inputs/older-figures.ts). */
  olderFigures: OlderFigure[];
  /** Where the share price comes from, printed beside it: the stored close's sources, or `company file`. */
  sharePriceSource: string;
  run: NetworkRun;
}

export class ValuationSession {
  readonly targetDay: DayNumber;
  readonly horizonDays: number;
  private readonly networks = new Map<string, Promise<NetworkRun>>();
  /**
   * A file's figures and its input checks depend on the file and the as-of date only: read once per company in a
   * session, not per sensitivity point.
   */
  private readonly files = new Map<LoadedCompany, FileReading>();

  constructor(readonly setup: ValuationSetup) {
    this.targetDay = setup.targetDay;
    this.horizonDays = Math.round(setup.methodology.methodology.mining.horizonYears.value * DAYS_PER_YEAR);
  }

  /** The scenario's policy rule, if it has one. */
  get scenarioRule(): ErcotRule | undefined {
    const block = this.setup.scenario.scenario.policy?.ercotUseItOrLoseIt;
    return block && { windowDays: block.window, probability: block.probability };
  }

  network(extra: PathOverrides = {}): Promise<NetworkRun> {
    const overrides = { ...this.setup.overrides, ...extra };
    const key = JSON.stringify(overrides);
    let run = this.networks.get(key);
    if (!run) {
      if (this.networks.size > 256) this.networks.clear();
      run = this.project(overrides);
      this.networks.set(key, run);
    }
    return run;
  }

  private async project(overrides: PathOverrides): Promise<NetworkRun> {
    const { state, asOfDay, scenario, views } = this.setup;
    const lastDay = Math.max(asOfDay + this.horizonDays + 1, this.targetDay) as DayNumber;
    const firstDay = Math.min(this.setup.firstDay ?? asOfDay + 1, asOfDay + 1) as DayNumber;
    const span = await networkSpan({ state, asOfDay, scenario, overrides, firstDay, lastDay, views });
    return { network: span.network, projection: span.projection as ProjectionInputs };
  }

  /** The company valued as of the session's day; an input error at the as-of date when its figures start later. */
  async value(written: LoadedCompany, options: ValuationOptions = {}): Promise<ValuedCompany> {
    assertValuedAsOf(written, isoFromDay(this.setup.asOfDay));
    const file = this.reading(written);
    const { loaded } = file;
    const run = await this.network(options.overrides);
    const { network, projection } = run;
    const { ticker } = loaded.company;
    const scenarioAdjust = this.setup.scenario.scenario.companies;
    const fromScenario = adjustmentsOf({
      ...(scenarioAdjust?.adjust['all'] ?? {}),
      ...(scenarioAdjust?.adjust[ticker] ?? {}),
    });
    const adjustments = { ...fromScenario, ...(options.adjustments ?? {}) };
    const fileModel = adjustCompanyModel(companyModelFromFile(loaded.company), adjustments);
    const targetIndex = this.targetDay - network.firstDay;
    const btcPriceAtTarget: Sourced = {
      value: network.priceUsd[targetIndex] as number,
      source:
        `${this.setup.scenario.file}: price path on ${isoFromDay(this.targetDay)} ` +
        `from ${projection.startValues.priceUsd.toFixed(0)} USD at the start`,
    };
    const fromFile = valuationInputsFromFile(
      loaded,
      this.setup.methodology,
      fileModel,
      this.setup.asOfDay,
      this.targetDay,
      btcPriceAtTarget,
      file.figures,
    );
    // A stored close cites the data snapshot, not the company file (stored-share-price.ts).
    const priced = file.priceCitation
      ? { ...fromFile.inputs, sharePriceUsd: { ...fromFile.inputs.sharePriceUsd, source: file.priceCitation } }
      : fromFile.inputs;
    let counted = adjustValuationInputs(
      priced,
      adjustments,
      options.adjustments
        ? 'sensitivity or implied-value input'
        : `scenario ${this.setup.scenario.file}: ${scenarioAdjust?.source ?? ''}`,
    );
    const policy = options.policy === undefined ? this.scenarioRule && { rule: this.scenarioRule } : options.policy;
    let policySites: SiteAtRisk[] | undefined;
    if (policy) {
      const outcome = applyErcotRule(counted, fromFile.policySites, policy.rule, policy.sites);
      counted = outcome.inputs;
      policySites = outcome.sites;
    }
    // The mining days, made once: they stop the hashrate the HPC items take over as finally counted (scope,
    // expected MW, adjustments), each weighted by its probability, so mining and HPC share each MW by its odds.
    const displacements = expectedDisplacements(counted.leases, counted.pipeline);
    const model = { ...fileModel, displacements };
    const days = companyDays(model, network);
    const inputs: CompanyValuationInputs = {
      ...counted,
      days,
      startIndex: this.setup.asOfDay + 1 - days.firstDay,
      displacements,
    };
    const valuation = valueCompany(inputs);
    const warnings = [
      ...fromFile.warnings,
      ...file.warnings,
      ...valuation.ledger.warnings.map((w) => ({
        code: w.code,
        message: `${ticker}: ${w.message}`,
        field: 'powerAndLand',
      })),
    ];
    if (valuation.perShare.floored) {
      warnings.push({
        code: 'equity-below-claims',
        message: `${ticker}: the parts do not cover the debt and convertibles; the target is floored at 0.`,
        field: 'targetUsd',
      });
    }
    return {
      loaded,
      model,
      inputs,
      valuation,
      btcPriceAtTarget,
      policySites,
      warnings,
      notes: file.notes,
      olderFigures: file.olderFigures,
      sharePriceSource: file.priceSource,
      run,
    };
  }

  private reading(loaded: LoadedCompany): FileReading {
    let reading = this.files.get(loaded);
    if (!reading) {
      const { loaded: asOfFile, withheld, originalPath } = companyAsOf(loaded, this.setup.asOfDay);
      const { snapshot } = this.setup.state;
      const price = sharePriceAsOf(
        asOfFile,
        snapshot.shareCloses,
        this.setup.asOfDay,
        `data snapshot ${snapshot.snapshotId.slice(0, 12)}`,
      );
      const asOf = price.loaded;
      // Keyed by the resolved file's paths (what the inputs read), citing the file as written.
      const figures: FigureIndex = new Map(
        [...indexFigures(asOf)].map(([path, figure]) => [path, { ...figure, path: originalPath(figure.path) }]),
      );
      const checks = inputChecks(asOf, this.setup.asOfDay, figures, price.citation !== undefined);
      checks.warnings.push(...price.warnings);
      checks.notes.push(...price.notes);
      const notPublic = withheldWarning(loaded.company.ticker, withheld);
      if (notPublic) checks.warnings.push(notPublic);
      // Read from the file as priced: a stored close is listed by its own date, not the file's price.
      const olderFigures = figuresOlderThanAsOf(asOf, this.setup.asOfDay, originalPath);
      const older = olderFiguresNote(olderFigures);
      if (older) checks.notes.push(older);
      reading = {
        loaded: asOf,
        figures,
        ...checks,
        olderFigures,
        priceSource: price.source,
        priceCitation: price.citation,
      };
      this.files.set(loaded, reading);
    }
    return reading;
  }
}

/**
 * What a session reads once from a company file: the file as it stood on the as-of day, its figures by path, and
 * the checks of its key inputs.
 */
interface FileReading {
  loaded: LoadedCompany;
  figures: FigureIndex;
  warnings: ResultWarning[];
  notes: string[];
  olderFigures: OlderFigure[];
  priceSource: string;
  priceCitation: string | undefined;
}

/** A balance sheet older than this many days before the as-of date is stale. */
export const STALE_BALANCE_SHEET_DAYS = 92;

/** The valuation inputs that matter most, by company-file path and short label. */
const KEY_INPUTS: [path: string, label: string][] = [
  ['shares.basic', 'shares'],
  ['balanceSheet.cashUsd', 'cash'],
  ['balanceSheet.btcHeld', 'BTC held'],
  ['market.sharePriceUsd', 'share price'],
];

/**
 * Stale inputs and key figures that are assumptions: warnings, and short notes for the coverage table. The share
 * price's age is checked where it is chosen (stored-share-price.ts); a stored close is no assumption of the file.
 */
function inputChecks(
  loaded: LoadedCompany,
  asOfDay: DayNumber,
  figures: FigureIndex,
  storedPrice: boolean,
): { warnings: ResultWarning[]; notes: string[] } {
  const { company } = loaded;
  const warnings: ResultWarning[] = [];
  const notes: string[] = [];
  const sheetAge = asOfDay - dayFromIso(company.balanceSheet.asOf);
  if (sheetAge > STALE_BALANCE_SHEET_DAYS) {
    notes.push(`balance sheet ${company.balanceSheet.asOf}`);
    warnings.push({
      code: 'stale-balance-sheet',
      message:
        `${company.ticker}: the balance sheet is of ${company.balanceSheet.asOf}, ` +
        `${sheetAge} days before the as-of date.`,
      field: 'parts',
    });
  }
  for (const [path, label] of KEY_INPUTS) {
    if (storedPrice && path === 'market.sharePriceUsd') continue;
    const figure = figures.get(path);
    if (figure?.kind !== 'assumption') continue;
    notes.push(`${label} [A]`);
    warnings.push({
      code: 'assumed-input',
      message: `${company.ticker}: ${label} is an assumption — ${figure.note}`,
      field: path,
    });
  }
  return { warnings, notes };
}
