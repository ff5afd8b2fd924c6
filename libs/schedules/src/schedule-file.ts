import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { ValidationError } from 'class-validator';
import { InvalidScheduleError } from './invalid-schedule.error';
import { ScheduleEntry } from './schedule-entry';

const FIELDS = {
  schedule: 'name, cron, timezone, type, payload, queue, steps, enabled',
  step: 'name, type, payload, queue',
};

/** The first rule `error` breaks, its field named by its path, e.g. `steps[2].type`. */
function problemOf(error: ValidationError, parent: string): string {
  const index = /^\d+$/.test(error.property);
  const path = index
    ? `${parent}[${error.property}]`
    : `${parent}${parent ? '.' : ''}${error.property}`;
  const [child] = error.children ?? [];
  if (child) {
    return problemOf(child, path);
  }
  if (error.constraints?.whitelistValidation) {
    return `${path} is not a ${parent ? 'step' : 'schedule'} field (${parent ? FIELDS.step : FIELDS.schedule})`;
  }
  // Messages open with the field's own name: the path replaces it.
  const rule = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  return rule.startsWith(error.property) ? `${path}${rule.slice(error.property.length)}` : rule;
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
    throw new InvalidScheduleError(`${where}${name}`, `${problemOf(error, '')}.`);
  }
  return entry;
}

/**
 * The entries of SCHEDULES_FILE, each checked for shape.
 * @throws InvalidScheduleError naming the file or the entry and the problem
 */
export function readScheduleFile(file: string): ScheduleEntry[] {
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
  return parsed.map((raw, i) => entryOf(raw, i, file));
}
