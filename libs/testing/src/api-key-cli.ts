import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from './repository-root';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `npm run api-key` command with `args` against the environment `env`. */
export function runApiKeyCli(
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliRun> {
  const script = join(repositoryRoot(), 'dist/apps/api/apps/api/src/keys/api-key.cli.js');
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
