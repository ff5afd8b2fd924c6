import { refusalMessage } from '@lib/validation';
import { IsString, Matches } from 'class-validator';

/** A transform's name: its file is `<TRANSFORM_DIR>/<name>.sql`. Never a path. */
export const TRANSFORM_NAME = /^[a-z0-9_]{1,63}$/;

export class SqlTransformPayload {
  /** Name of a `.sql` file of TRANSFORM_DIR, without the extension, e.g. `daily_stats`. */
  @Matches(TRANSFORM_NAME, {
    message: refusalMessage('must be a transform name (1 to 63 of a-z, 0-9 and "_")'),
  })
  @IsString({ message: refusalMessage('must be a string naming a transform') })
  transform!: string;
}
