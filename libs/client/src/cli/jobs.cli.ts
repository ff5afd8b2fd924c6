#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CommanderError } from 'commander';
import { EXIT_CODE } from './exit-code.js';
import { failureMessage } from './failure-message.js';
import { DEFAULT_URL, PROGRAM_NAMES, jobsProgram } from './jobs.program.js';

// `jobs --version` prints the package's version; its package.json is three folders up from dist/cjs/cli.
const { version } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
) as { version: string };

// Called through the bin link of either name; run by path (node …/jobs.cli.js) it is `jobs`.
const invokedAs = PROGRAM_NAMES.find((name) => name === basename(process.argv[1] ?? ''));

async function main(): Promise<void> {
  const program = jobsProgram(version, invokedAs);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the usage error (or the help, whose code is 0) already.
      process.exitCode = error.exitCode === 0 ? EXIT_CODE.ok : EXIT_CODE.error;
      return;
    }
    const url = program.opts<{ url?: string }>().url ?? DEFAULT_URL;
    process.stderr.write(`jobs: ${failureMessage(error, url)}\n`);
    process.exitCode = EXIT_CODE.error;
  }
}

void main();
