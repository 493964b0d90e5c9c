/**
 * HPC pipeline not yet under contract: probability of a deal × critical-IT MW × equity USD per MW (colocation or GPU
 * cloud) × ownership — the published J.P. Morgan layer (reference/methods-sell-side.md §2: 50% deal probability,
 * $8–17M per critical-IT MW for colocation, up to $19M for cloud, Nov 2025).
 */
import { input, type Explain, type Sourced } from './explain.ts';
import type { HpcKind } from './hpc-lease-value.ts';

export interface PipelineAsset {
  name: string;
  kind: HpcKind;
  criticalItMw: Sourced;
  probability: Sourced;
  ownership: Sourced;
}

export interface PipelineValue {
  name: string;
  kind: HpcKind;
  criticalItMw: number;
  probability: number;
  valueUsd: number;
  explain: Explain;
}

export function pipelineValue(item: PipelineAsset, equityUsdPerItMw: Sourced): PipelineValue {
  return {
    name: item.name,
    kind: item.kind,
    criticalItMw: item.criticalItMw.value,
    probability: item.probability.value,
    valueUsd: item.probability.value * item.criticalItMw.value * equityUsdPerItMw.value * item.ownership.value,
    explain: {
      formula: 'deal probability × critical-IT MW × equity USD per MW × ownership',
      inputs: [
        input('deal probability', item.probability, 'fraction'),
        input('critical-IT MW', item.criticalItMw, 'MW'),
        input(`equity per critical-IT MW (${item.kind})`, equityUsdPerItMw, 'USD/MW'),
        input('ownership', item.ownership, 'fraction'),
      ],
    },
  };
}
