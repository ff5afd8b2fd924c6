import { readFileSync } from 'node:fs';
import type { ScheduleDefinition } from '@lib/jobs';
import { InvalidPayloadError, UnknownJobTypeError, validatePayload } from '@lib/jobs';
import type { JobRegistry } from '@lib/jobs';
import { UnknownQueueError, isQueueName } from '@lib/queues';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validate as validateCron, validateDetailed } from 'node-cron';
import { cronBoundsProblem } from './cron-bounds';
import { CronTimetable } from './cron-timetable';
import { InvalidScheduleError } from './invalid-schedule.error';
import type { Schedule } from './schedule';
import { ScheduleEntry } from './schedule-entry';

export interface ScheduleSources {
  builtIn: readonly ScheduleDefinition[];
  /** SCHEDULES_FILE, absolute, or null. */
  file: string | null;
  /** SCHEDULER_TIMEZONE. */
  timezone: string;
}

function readFile(file: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidScheduleError(`file ${file} (SCHEDULES_FILE)`, (error as Error).message);
  }
  if (!Array.isArray(parsed)) {
    throw new InvalidScheduleError(
      `file ${file} (SCHEDULES_FILE)`,
      'it must hold a JSON array of schedules.',
    );
  }
  return parsed;
}

function entryOf(raw: unknown, index: number, file: string): ScheduleEntry {
  const where = `entry ${index + 1} of ${file}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidScheduleError(where, 'it must be a JSON object.');
  }
  const entry = plainToInstance(ScheduleEntry, raw);
  const [error] = validateSync(entry, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (error) {
    const name =
      typeof (raw as { name?: unknown }).name === 'string'
        ? ` ("${(raw as { name: string }).name}")`
        : '';
    const rule = error.constraints?.whitelistValidation
      ? `${error.property} is not a schedule field (name, cron, timezone, type, payload, queue, enabled)`
      : Object.values(error.constraints ?? {})[0];
    throw new InvalidScheduleError(`${where}${name}`, `${rule}.`);
  }
  return entry;
}

/** Built-ins first, then the file's entries: a known name overrides fields, a new one adds. */
function merge(sources: ScheduleSources): Partial<ScheduleDefinition>[] {
  const byName = new Map<string, Partial<ScheduleDefinition>>(
    sources.builtIn.map((schedule) => [schedule.name, { ...schedule }]),
  );
  if (sources.file !== null) {
    const file = sources.file;
    readFile(file).forEach((raw, i) => {
      const entry = entryOf(raw, i, file);
      const defined = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
      byName.set(entry.name, { ...byName.get(entry.name), ...defined });
    });
  }
  return [...byName.values()];
}

function checkTimezone(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return null;
  } catch {
    return `timezone "${timezone}" is not an IANA timezone (such as "UTC" or "Europe/Paris").`;
  }
}

function cronProblem(cron: string): string | null {
  const bounds = cronBoundsProblem(cron);
  if (bounds) {
    return `cron "${cron}" ${bounds}.`;
  }
  if (!validateCron(cron)) {
    const detail = validateDetailed(cron)
      .errors.map((e) => `${e.field}: ${e.message}`)
      .join('; ');
    return `cron "${cron}" is invalid (${detail}).`;
  }
  return null;
}

async function checked(
  definition: Partial<ScheduleDefinition>,
  sources: ScheduleSources,
  registry: JobRegistry,
): Promise<Schedule> {
  const where = `"${definition.name}"`;
  const fail = (problem: string) => new InvalidScheduleError(where, problem);
  if (definition.cron === undefined || definition.type === undefined) {
    throw fail('a new schedule needs cron and type.');
  }
  const timezone = definition.timezone ?? sources.timezone;
  const problem = cronProblem(definition.cron) ?? checkTimezone(timezone);
  if (problem) {
    throw fail(problem);
  }
  const enabled = definition.enabled ?? true;
  let payload = definition.payload ?? {};
  try {
    const job = registry.get(definition.type);
    if (definition.queue !== undefined && !isQueueName(definition.queue)) {
      throw new UnknownQueueError(definition.queue);
    }
    // A schedule that is switched off may keep a payload the current settings refuse.
    if (enabled) {
      payload = { ...(await validatePayload(job, payload)) };
    }
  } catch (error) {
    const known =
      error instanceof UnknownJobTypeError ||
      error instanceof InvalidPayloadError ||
      error instanceof UnknownQueueError;
    throw known ? fail((error as Error).message) : error;
  }
  return {
    name: definition.name ?? '',
    cron: definition.cron,
    timezone,
    type: definition.type,
    payload,
    queue: definition.queue ?? null,
    enabled,
    timetable: new CronTimetable(definition.cron, timezone),
  };
}

/**
 * The schedules to run: the built-in ones merged with SCHEDULES_FILE, every field
 * checked (cron, timezone, job type, queue, and the payload of each enabled schedule).
 * @throws InvalidScheduleError naming the schedule, or the file entry, and the problem
 */
export async function loadSchedules(
  sources: ScheduleSources,
  registry: JobRegistry,
): Promise<Schedule[]> {
  const schedules: Schedule[] = [];
  for (const definition of merge(sources)) {
    schedules.push(await checked(definition, sources, registry));
  }
  return schedules;
}
