import { Injectable } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { MalformedJobIdError } from './malformed-job-id.error';

/** Job ids are UUIDs; anything else is a 400, not a lookup. */
@Injectable()
export class JobIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) {
      throw new MalformedJobIdError(value);
    }
    return value.toLowerCase();
  }
}
