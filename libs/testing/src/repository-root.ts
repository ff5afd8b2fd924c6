import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function rootAbove(from: string): string {
  return existsSync(join(from, 'package.json')) ? from : rootAbove(dirname(from));
}

/** The repository root (the kit also runs compiled, from dist/, in benchmarks). */
export const repositoryRoot = (): string => rootAbove(__dirname);
