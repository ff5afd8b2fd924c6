import { isStorableText } from '@lib/validation';
import { BadRequestException, Injectable } from '@nestjs/common';
import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';

function findUnstorable(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    return isStorableText(value) ? null : path;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
      const found = isStorableText(key) ? findUnstorable(child, childPath) : childPath;
      if (found) {
        return found;
      }
    }
  }
  return null;
}

/**
 * Refuses text Postgres cannot store (NUL characters, lone UTF-16 surrogates) with a
 * 400 naming where it is, before anything is written.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const found = findUnstorable(value, metadata.type === 'body' ? 'body' : metadata.type);
    if (found) {
      throw new BadRequestException(
        `${found} contains a NUL character (\\u0000) or a lone UTF-16 surrogate, which Postgres cannot store.`,
      );
    }
    return value;
  }
}
