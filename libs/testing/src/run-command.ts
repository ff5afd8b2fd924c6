import { spawn } from 'node:child_process';

/** How a command ended, with all it printed. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  /** The whole environment of the command (nothing is inherited). */
  env: Record<string, string>;
  cwd?: string;
}

/** Runs `command args…` to its end; resolves with its exit code and output, whatever the code. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CliRun> {
  const child = spawn(command, args, {
    env: options.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
