import type { CompsRow } from '../schema/comps.ts';

/** A comps row's enterprise-value parts of one kind, summed, signed as EV adds them (cash and BTC negative). */
export function enterpriseValuePartUsd(row: CompsRow, kind: CompsRow['enterpriseValueParts'][number]['kind']): number {
  return row.enterpriseValueParts.filter((p) => p.kind === kind).reduce((sum, p) => sum + p.usd, 0);
}
