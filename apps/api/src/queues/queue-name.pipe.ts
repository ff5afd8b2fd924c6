import { UnknownQueueError, isQueueName } from '@lib/queues';
import type { QueueName } from '@lib/queues';
import { Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';

/** A queue name in the path: one of QUEUE_NAMES, else 400 naming the known ones. */
@Injectable()
export class QueueNamePipe implements PipeTransform<string, QueueName> {
  transform(name: string): QueueName {
    if (!isQueueName(name)) {
      throw new UnknownQueueError(name);
    }
    return name;
  }
}
