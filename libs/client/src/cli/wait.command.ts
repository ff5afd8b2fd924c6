import { Command } from 'commander';
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
      const signal =
        options.timeout === undefined ? undefined : AbortSignal.timeout(options.timeout);
      try {
        const job = await watchJob(context, id, { signal, jsonEveryChange: false });
        context.printDocument(job, () => outcomeText(job));
        process.exitCode = exitCodeForOutcome(job.status);
      } catch (error) {
        if (!signal?.aborted) {
          throw error;
        }
        process.stderr.write(
          `Job ${id} did not finish within ${options.timeout} ms (--timeout).\n`,
        );
        process.exitCode = EXIT_CODE.timedOut;
      }
    });
}
