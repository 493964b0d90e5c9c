/** The embedded calendar, data/calendar.yaml: results dates and policy milestones with their sources. */
import { join } from 'node:path';
import type { CalendarSource } from '../app/ports/calendar.ts';
import { calendarFileSchema } from '../schema/calendar.ts';
import { parseYaml } from '../schema/yaml-document.ts';
import { packageDataDir } from './embedded-snapshot.ts';
import { readInputTextFile } from './input-text-file.ts';

export function calendarFile(path: string = join(packageDataDir(), 'calendar.yaml')): CalendarSource {
  return {
    async events() {
      const shownAs = 'data/calendar.yaml';
      return parseYaml(readInputTextFile(path, { shownAs, kind: 'calendar file' }), shownAs, calendarFileSchema).events;
    },
  };
}
