import { Global, Module } from '@nestjs/common';
import { loadPlatformConfig } from './load-platform-config';
import { PlatformConfig } from './platform.config';

/** Provides the validated PlatformConfig to every module of an app. */
@Global()
@Module({
  providers: [{ provide: PlatformConfig, useFactory: () => loadPlatformConfig() }],
  exports: [PlatformConfig],
})
export class PlatformConfigModule {}
