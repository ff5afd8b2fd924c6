import type { JobRegistry, ScheduleDefinition, ScheduleStepDefinition } from '@lib/jobs';
import { InvalidPayloadError, UnknownJobTypeError, validatePayload } from '@lib/jobs';
import { UnknownQueueError, isQueueName } from '@lib/queues';
import { validate as validateCron, validateDetailed } from 'node-cron';
import { cronBoundsProblem } from './cron-bounds';
import { CronTimetable } from './cron-timetable';
import { InvalidScheduleError } from './invalid-schedule.error';
import type { Schedule, ScheduleStep } from './schedule';

function timezoneProblem(timezone: string): string | null {
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

/** What a tick creates, in order, before the steps are checked; or the problem. */
function stepsOf(definition: Partial<ScheduleDefinition>): ScheduleStepDefinition[] | string {
  const { type, payload, queue, steps } = definition;
  if (steps !== undefined) {
    if (type !== undefined || payload !== undefined || queue !== undefined) {
      return 'give either steps or type (with payload and queue), not both.';
    }
    if (steps.length === 0) {
      return 'steps must list at least one step.';
    }
    const names = steps.map((step) => step.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    return repeated === undefined
      ? steps
      : `step name "${repeated}" is used twice; give each step a name of its own.`;
  }
  return type === undefined
    ? 'a new schedule needs cron and type (or steps).'
    : [{ name: type, type, payload, queue }];
}

/**
 * One step with its job type, queue and, when the schedule is enabled, payload checked.
 * @throws the job lib's or the queue lib's refusal
 */
async function checkedStep(
  step: ScheduleStepDefinition,
  enabled: boolean,
  registry: JobRegistry,
): Promise<ScheduleStep> {
  const job = registry.get(step.type);
  if (step.queue !== undefined && !isQueueName(step.queue)) {
    throw new UnknownQueueError(step.queue);
  }
  const payload = step.payload ?? {};
  // A schedule that is switched off may keep a payload the current settings refuse.
  return {
    name: step.name,
    type: step.type,
    payload: enabled ? { ...(await validatePayload(job, payload)) } : payload,
    queue: step.queue ?? null,
  };
}

/**
 * A merged definition with every field checked: cron, timezone, and each step's job type,
 * queue and (for an enabled schedule) payload.
 * @param timezone SCHEDULER_TIMEZONE, for a schedule that names none
 * @throws InvalidScheduleError naming the schedule, the step and the problem
 */
export async function checkedSchedule(
  definition: Partial<ScheduleDefinition>,
  timezone: string,
  registry: JobRegistry,
): Promise<Schedule> {
  const where = `"${definition.name}"`;
  if (definition.cron === undefined) {
    throw new InvalidScheduleError(where, 'a new schedule needs cron and type (or steps).');
  }
  const zone = definition.timezone ?? timezone;
  const problem = cronProblem(definition.cron) ?? timezoneProblem(zone);
  if (problem) {
    throw new InvalidScheduleError(where, problem);
  }
  const steps = stepsOf(definition);
  if (typeof steps === 'string') {
    throw new InvalidScheduleError(where, steps);
  }
  const enabled = definition.enabled ?? true;
  const chain = definition.steps !== undefined;
  const checked: ScheduleStep[] = [];
  for (const step of steps) {
    try {
      checked.push(await checkedStep(step, enabled, registry));
    } catch (error) {
      const known =
        error instanceof UnknownJobTypeError ||
        error instanceof InvalidPayloadError ||
        error instanceof UnknownQueueError;
      if (!known) {
        throw error;
      }
      const prefix = chain ? `step "${step.name}": ` : '';
      throw new InvalidScheduleError(where, `${prefix}${(error as Error).message}`);
    }
  }
  return {
    name: definition.name ?? '',
    cron: definition.cron,
    timezone: zone,
    steps: checked,
    chain,
    enabled,
    timetable: new CronTimetable(definition.cron, zone),
  };
}
