import { QueuesModule } from '@lib/queues';
import { Module } from '@nestjs/common';
import { AuthFailureThrottle } from './auth-failure.throttle';
import { CreateRateInterceptor } from './create-rate.interceptor';
import { CreateRateLimiter } from './create-rate.limiter';

/** Per-minute limits shared by every API process through Redis. */
@Module({
  imports: [QueuesModule],
  providers: [AuthFailureThrottle, CreateRateLimiter, CreateRateInterceptor],
  exports: [AuthFailureThrottle, CreateRateLimiter, CreateRateInterceptor],
})
export class LimitsModule {}
