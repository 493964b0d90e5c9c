/** Dated events (data/calendar.yaml): results dates and policy milestones, each sourced. */
import type { CalendarEvent } from '../../schema/calendar.ts';

/** Dated events (data/calendar.yaml): results dates and policy milestones, each sourced. */
export interface CalendarSource {
  /** A bad file throws an InputError naming file:line:column. */
  events(): Promise<CalendarEvent[]>;
}
