import { findUnstorableText } from '@lib/validation';
import { Injectable } from '@nestjs/common';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { UnstorableTextError } from './unstorable-text.error';

/**
 * Refuses text Postgres cannot store (NUL characters, lone UTF-16 surrogates) with a
 * 400 naming where it is, before anything is written. A custom parameter (a job
 * batch, see JobsRequestPipe) is checked by its own pipe, part by part.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') {
      return value;
    }
    const found = findUnstorableText(value, metadata.type === 'body' ? 'body' : metadata.type);
    if (found) {
      throw new UnstorableTextError(found);
    }
    return value;
  }
}
