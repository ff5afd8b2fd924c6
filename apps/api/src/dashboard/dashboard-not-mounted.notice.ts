import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';

/** Says why there is no dashboard, rather than leaving an operator to guess (or serving an open one). */
@Injectable()
export class DashboardNotMountedNotice implements OnApplicationBootstrap {
  onApplicationBootstrap(): void {
    new Logger('dashboard').warn(
      'Bull Board is not mounted: set ADMIN_USER and ADMIN_PASSWORD to serve it at /admin/queues.',
    );
  }
}
