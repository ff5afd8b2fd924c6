import { DispatchModule } from '@lib/dispatch';
import { Module } from '@nestjs/common';
import { EnqueueListener } from './enqueue-listener';
import { HandOffSweep } from './hand-off-sweep';
import { QueuePauseSync } from './queue-pause-sync';
import { RecoveryLoop } from './recovery-loop';
import { RecoveryMetrics } from './recovery-metrics';
import { QueueAudit } from './queue-audit';
import { RedisLossDetector } from './redis-loss-detector';

/** Recovery for any app; needs the app's DatabaseModule and MetricsModule. */
@Module({
  imports: [DispatchModule],
  providers: [
    EnqueueListener,
    HandOffSweep,
    QueuePauseSync,
    RecoveryLoop,
    RecoveryMetrics,
    QueueAudit,
    RedisLossDetector,
  ],
  exports: [RecoveryLoop],
})
export class RecoveryModule {}
