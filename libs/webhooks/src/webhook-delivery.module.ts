import { PlatformConfig } from '@lib/config';
import { PLATFORM_JOB_TYPES } from '@lib/jobs';
import { OutboundFetcher } from '@lib/outbound';
import { Global, Module } from '@nestjs/common';
import { WebhookAttemptRecorder } from './webhook-attempt.recorder';
import { WebhookDeliveryJob } from './webhook-delivery.job';
import { WebhookSender } from './webhook-sender';
import { WebhookTargetReader } from './webhook-target.reader';

/**
 * Runs webhook deliveries: the worker imports it, and JobsModule then registers
 * `webhook_delivery` (global, so that JobsModule sees it wherever it is imported). The
 * worker's job type catalogue thus carries the delivery's retry policy to Postgres, where
 * the trigger that creates deliveries reads it. Needs the app's DatabaseModule.
 */
@Global()
@Module({
  providers: [
    WebhookAttemptRecorder,
    WebhookDeliveryJob,
    WebhookSender,
    WebhookTargetReader,
    {
      provide: OutboundFetcher,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => new OutboundFetcher(config.outbound),
    },
    {
      provide: PLATFORM_JOB_TYPES,
      inject: [WebhookDeliveryJob],
      useFactory: (delivery: WebhookDeliveryJob) => [delivery],
    },
  ],
  exports: [PLATFORM_JOB_TYPES],
})
export class WebhookDeliveryModule {}
