import { Command, Option } from 'commander';
import { cancelCommand } from './cancel.command.js';
import { createCommand } from './create.command.js';
import { HELP_EPILOGUE } from './help.epilogue.js';
import { followCommand } from './follow.command.js';
import { listCommand } from './list.command.js';
import { retryCommand } from './retry.command.js';
import { statusCommand } from './status.command.js';
import { waitCommand } from './wait.command.js';

/** The default of `--url` and `JOBS_URL`: the API as `npm start` runs it. */
export const DEFAULT_URL = 'http://localhost:3000';

/** The names the package installs the command line under (see its README for why two). */
export const PROGRAM_NAMES = ['jobs', 'jobs-platform'] as const;

/**
 * The `jobs` command line: global options, the commands, and the exit codes in its help.
 * `name` is the one it was called by, so that usage lines show what the user typed.
 */
export function jobsProgram(version: string, name: string = PROGRAM_NAMES[0]): Command {
  const program = new Command(name)
    .description('Create, watch, cancel and retry jobs of a jobs-platform API.')
    .version(version)
    .addOption(new Option('--url <url>', 'the API base URL').env('JOBS_URL').default(DEFAULT_URL))
    .addOption(new Option('--api-key <key>', 'an API key (jp_…)').env('JOBS_API_KEY'))
    .option('--json', 'print one JSON document per line, for scripts')
    .addHelpText('after', HELP_EPILOGUE)
    .exitOverride();
  for (const command of [
    createCommand(),
    statusCommand(),
    waitCommand(),
    followCommand(),
    cancelCommand(),
    retryCommand(),
    listCommand(),
  ]) {
    program.addCommand(command.exitOverride());
  }
  return program;
}
