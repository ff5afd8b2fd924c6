import { join } from 'node:path';
import { repositoryRoot } from './repository-root';
import { runCommand } from './run-command';
import type { CliRun } from './run-command';

/** Runs the built `npm run api-key` command with `args` against the environment `env`. */
export function runApiKeyCli(
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliRun> {
  const script = join(repositoryRoot(), 'dist/apps/api/apps/api/src/keys/api-key.cli.js');
  return runCommand(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}
