import { ERROR_CATEGORIES, PlatformError } from '@lib/errors';
import { PROTOTYPE_KEYS } from './find-prototype-key';

/** A body with a key that could reach an object's prototype once copied (see PROTOTYPE_KEYS). */
export class PrototypeKeyError extends PlatformError {
  readonly category = ERROR_CATEGORIES.invalidInput;
  readonly code = 'prototype_key';

  /** @param path where the key is, e.g. `body.payload.__proto__` */
  constructor(readonly path: string) {
    super(
      `${path} is not allowed: the keys ${PROTOTYPE_KEYS.join(', ')} are refused at any depth, ` +
        'since they can change the prototype of the objects they are copied into. Rename the field.',
    );
  }
}
