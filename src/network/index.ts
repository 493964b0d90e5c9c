export * from './network-history.ts';
export * from './hashprice.ts';
export * from './fee-imputation.ts';
export * from './daily-metrics.ts';
export * from './network-status.ts';
export * from './history-aggregation.ts';
export * from './unit-economics.ts';
