/** The embedded calendar, data/calendar.yaml: results dates and policy milestones with their sources. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarSource } from '../app/ports/calendar.ts';
import { calendarFileSchema } from '../schema/calendar.ts';
import { parseYaml } from '../schema/yaml-document.ts';
import { packageDataDir } from './embedded-snapshot.ts';

export function calendarFile(path: string = join(packageDataDir(), 'calendar.yaml')): CalendarSource {
  return {
    async events() {
      return parseYaml(readFileSync(path, 'utf8'), 'data/calendar.yaml', calendarFileSchema).events;
    },
  };
}
