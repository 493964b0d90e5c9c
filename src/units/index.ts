export * from './calendar-day.ts';
export * from './calendar-period.ts';
export * from './quantities.ts';
