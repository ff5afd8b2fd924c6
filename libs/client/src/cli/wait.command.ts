import { Command } from 'commander';
import { WaitTimeoutError } from '../api-errors.js';
import { cliContext } from './cli-context.js';
import { exitCodeForOutcome, EXIT_CODE } from './exit-code.js';
import { integerArgument } from './integer-argument.js';
import { outcomeText } from './outcome-text.js';
import { watchJob } from './watch-job.js';

interface WaitCommandOptions {
  timeout?: number;
}

/**
 * `jobs wait <id>`: waits until the job finishes, showing its progress; exits with its
 * outcome (see EXIT_CODE). With --json, prints only the final document.
 */
export function waitCommand(): Command {
  return new Command('wait')
    .description('wait until a job finishes, showing its progress; exits with its outcome')
    .argument('<id>', 'job id')
    .option(
      '--timeout <ms>',
      'give up after this long (exit 4); default: wait as long as it takes',
      integerArgument(1, 2 ** 31 - 1),
    )
    .action(async (id: string, options: WaitCommandOptions, command: Command) => {
      const context = cliContext(command);
      try {
        const job = await watchJob(context, id, {
          timeoutMs: options.timeout,
          jsonEveryChange: false,
        });
        context.printDocument(job, () => outcomeText(job));
        process.exitCode = exitCodeForOutcome(job.status);
      } catch (error) {
        if (!(error instanceof WaitTimeoutError)) {
          throw error;
        }
        process.stderr.write(`jobs: ${error.message} Raise --timeout to wait longer.\n`);
        process.exitCode = EXIT_CODE.timedOut;
      }
    });
}
