import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** This worker process's id in job_workers and on the attempts it runs. */
@Injectable()
export class WorkerIdentity {
  readonly id = randomUUID();
}
