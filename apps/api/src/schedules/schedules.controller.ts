import { DEFAULT_TENANT, SCOPES } from '@lib/auth';
import type { Caller } from '@lib/auth';
import { JobStatusReader } from '@lib/job-status';
import { ScheduleBook, ScheduleDispatcher } from '@lib/schedules';
import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../audit/actor-of';
import { AUDIT_ACTIONS } from '../audit/audit-entry';
import { AuditTrail } from '../audit/audit-trail';
import { RequestCaller } from '../auth/request-caller.decorator';
import { RequiresScope } from '../auth/requires-scope.decorator';
import { ApiErrors } from '../http/api-errors.decorator';
import { ScheduleRunView } from './schedule-run.view';
import { ScheduleView, toScheduleView } from './schedule.view';
import { TriggeredRunView, toTriggeredRunView } from './triggered-run.view';

@ApiBearerAuth()
@ApiTags('schedules')
@ApiExtraModels(ScheduleRunView)
@Controller('schedules')
export class SchedulesController {
  constructor(
    private readonly book: ScheduleBook,
    private readonly dispatcher: ScheduleDispatcher,
    private readonly reader: JobStatusReader,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Every schedule: built-in ones merged with SCHEDULES_FILE, with its steps, its next run
   * and the jobs of its last run. Schedules' jobs are tenant default's: other tenants see
   * no last run.
   */
  @Get()
  @RequiresScope(SCOPES.schedulesRead)
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ScheduleView, isArray: true })
  @ApiErrors(401, 403)
  async list(@RequestCaller() caller: Caller): Promise<ScheduleView[]> {
    const schedules = this.book.all();
    const lastRuns =
      caller.tenant === DEFAULT_TENANT
        ? await this.reader.lastRunsOfSchedules(schedules.map((s) => s.name))
        : new Map<string, never>();
    return schedules.map((schedule) => toScheduleView(schedule, lastRuns.get(schedule.name)));
  }

  /**
   * Enqueues a run of the schedule now, outside its timetable (also when it is switched
   * off): its job, or its whole chain of jobs.
   */
  @Post(':name/trigger')
  @RequiresScope(SCOPES.schedulesTrigger)
  @HttpCode(202)
  @ApiParam({ name: 'name', example: 'nightly_data_import' })
  @ApiAcceptedResponse({ type: TriggeredRunView, description: 'Enqueued.' })
  @ApiErrors(400, 401, 403, 404, 503)
  async trigger(
    @Param('name') name: string,
    @RequestCaller() caller: Caller,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<TriggeredRunView> {
    const schedule = this.book.get(name);
    const run = toTriggeredRunView(schedule, await this.dispatcher.now(schedule));
    // The job is the platform's (tenant default); the entry names the caller's tenant.
    await this.audit.record({
      actor: actorOf(caller),
      tenant: caller.tenant,
      action: AUDIT_ACTIONS.scheduleTriggered,
      jobIds: run.jobs.map((job) => job.id),
      detail: { schedule: name },
    });
    response.header('location', run.status_url);
    return run;
  }
}
