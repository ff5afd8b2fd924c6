import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { loadPlatformConfig } from './load-platform-config';
import { PlatformConfig } from './platform.config';
import type { PlatformApp } from './unused-settings';

/** Provides the validated PlatformConfig to every module of an app. */
@Global()
@Module({})
export class PlatformConfigModule {
  /** The configuration as `app` reads it (see loadPlatformConfig). */
  static forApp(app: PlatformApp): DynamicModule {
    return {
      module: PlatformConfigModule,
      providers: [
        { provide: PlatformConfig, useFactory: () => loadPlatformConfig(process.env, app) },
      ],
      exports: [PlatformConfig],
    };
  }
}
