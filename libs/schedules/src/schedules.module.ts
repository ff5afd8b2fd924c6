import { PlatformConfig } from '@lib/config';
import { DispatchModule } from '@lib/dispatch';
import { BUILT_IN_SCHEDULES, JobRegistry } from '@lib/jobs';
import { Logger, Module } from '@nestjs/common';
import { loadSchedules } from './load-schedules';
import { ScheduleBook } from './schedule-book';
import { ScheduleDispatcher } from './schedule-dispatcher';

/** The checked schedules and the way their jobs are enqueued; needs a DatabaseModule. */
@Module({
  imports: [DispatchModule],
  providers: [
    {
      provide: ScheduleBook,
      inject: [PlatformConfig, JobRegistry],
      useFactory: async (config: PlatformConfig, registry: JobRegistry) => {
        const logger = new Logger('schedules');
        return new ScheduleBook(
          await loadSchedules(
            {
              builtIn: BUILT_IN_SCHEDULES,
              file: config.scheduler.schedulesFile,
              timezone: config.scheduler.timezone,
            },
            registry,
            (line) => logger.warn(line),
          ),
        );
      },
    },
    ScheduleDispatcher,
  ],
  exports: [ScheduleBook, ScheduleDispatcher, DispatchModule],
})
export class SchedulesModule {}
