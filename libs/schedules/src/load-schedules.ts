import type { JobRegistry, ScheduleDefinition } from '@lib/jobs';
import { checkedSchedule } from './checked-schedule';
import { InvalidScheduleError } from './invalid-schedule.error';
import type { Schedule } from './schedule';
import { readScheduleFile } from './schedule-file';

export interface ScheduleSources {
  builtIn: readonly ScheduleDefinition[];
  /** SCHEDULES_FILE, absolute, or null. */
  file: string | null;
  /** SCHEDULER_TIMEZONE. */
  timezone: string;
}

interface Merged {
  definition: Partial<ScheduleDefinition>;
  /** Whether SCHEDULES_FILE names it: then its problems are the operator's to fix. */
  inFile: boolean;
}

/**
 * Built-ins first, then the file's entries: a known name overrides fields, a new one adds.
 * An entry's `steps` replace a built-in's job (type, payload, queue), and its `type` a
 * built-in's steps.
 */
function merge(sources: ScheduleSources): Merged[] {
  const byName = new Map<string, Merged>(
    sources.builtIn.map((schedule) => [
      schedule.name,
      { definition: { ...schedule }, inFile: false },
    ]),
  );
  for (const entry of sources.file === null ? [] : readScheduleFile(sources.file)) {
    const defined = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
    const base = { ...byName.get(entry.name)?.definition };
    if (entry.steps !== undefined) {
      delete base.type;
      delete base.payload;
      delete base.queue;
    }
    if (entry.type !== undefined) {
      delete base.steps;
    }
    byName.set(entry.name, { definition: { ...base, ...defined }, inFile: true });
  }
  return [...byName.values()];
}

/**
 * The schedules to run: the built-in ones merged with SCHEDULES_FILE, every field checked
 * (cron, timezone, each step's job type, queue, and the payload of each enabled schedule).
 * A built-in schedule the file leaves alone that the operator's settings refuse (say, a
 * table TRUNCATE_ALLOWED_TABLES leaves out) is switched off, and `warn` told why in one line.
 * @throws InvalidScheduleError naming a schedule of the file, or the file entry, and the problem
 */
export async function loadSchedules(
  sources: ScheduleSources,
  registry: JobRegistry,
  warn: (line: string) => void,
): Promise<Schedule[]> {
  const schedules: Schedule[] = [];
  for (const { definition, inFile } of merge(sources)) {
    try {
      schedules.push(await checkedSchedule(definition, sources.timezone, registry));
    } catch (error) {
      if (inFile || !(error instanceof InvalidScheduleError)) {
        throw error;
      }
      warn(
        `Built-in schedule ${error.where} is switched off: ${error.problem} Change the setting, ` +
          'or set the schedule in SCHEDULES_FILE (with "enabled": false to keep it off quietly).',
      );
      schedules.push(
        await checkedSchedule({ ...definition, enabled: false }, sources.timezone, registry),
      );
    }
  }
  return schedules;
}
