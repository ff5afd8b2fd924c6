import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidConfigError } from '@lib/config';
import { InvalidPayloadError } from '../errors/invalid-payload.error';
import { TRANSFORM_NAME } from './sql-transform.payload';

const SQL_FILE = /^(.*)\.sql$/;

/**
 * The transforms `sql_transform` may run: the `<name>.sql` files of TRANSFORM_DIR, listed
 * once at start-up. This list is the allow-list: a request names one of them, and the
 * file's SQL is read when the job runs.
 */
export class TransformCatalogue {
  constructor(
    /** TRANSFORM_DIR, absolute. */
    readonly dir: string,
    private readonly names: readonly string[],
    /** `.sql` files left out because their name is not a transform name. */
    readonly ignored: readonly string[] = [],
  ) {}

  /** @throws InvalidConfigError when TRANSFORM_DIR is not a readable directory */
  static read(dir: string): TransformCatalogue {
    let files: string[];
    try {
      files = readdirSync(dir, { withFileTypes: true })
        .filter((entry) => !entry.isDirectory())
        .map((entry) => entry.name);
    } catch (error) {
      throw new InvalidConfigError(
        'TRANSFORM_DIR',
        `TRANSFORM_DIR ${dir} is not a readable directory (${(error as NodeJS.ErrnoException).code}); ` +
          'create it, or point TRANSFORM_DIR at the directory of your .sql transforms.',
      );
    }
    const stems = files.flatMap((file) => SQL_FILE.exec(file)?.[1] ?? []);
    return new TransformCatalogue(
      dir,
      stems.filter((name) => TRANSFORM_NAME.test(name)).sort(),
      stems.filter((name) => !TRANSFORM_NAME.test(name)).map((name) => `${name}.sql`),
    );
  }

  /** Transform names, sorted. */
  known(): readonly string[] {
    return this.names;
  }

  /**
   * The file of a listed transform.
   * @throws InvalidPayloadError naming the known transforms
   */
  fileOf(name: string): string {
    if (!this.names.includes(name)) {
      throw new InvalidPayloadError([
        `Unknown transform ${JSON.stringify(name)}. Known transforms: ` +
          `${this.names.join(', ') || '(none)'} (the .sql files of TRANSFORM_DIR ${this.dir}).`,
      ]);
    }
    return join(this.dir, `${name}.sql`);
  }
}
