import { Command } from 'commander';
import { cliContext } from './cli-context.js';
import { exitCodeForOutcome } from './exit-code.js';
import { outcomeText } from './outcome-text.js';
import { watchJob } from './watch-job.js';

/**
 * `jobs follow <id>`: follows the job's event stream until it finishes, showing each change;
 * exits with its outcome. With --json, prints every status document, one per line.
 */
export function followCommand(): Command {
  return new Command('follow')
    .description("follow a job's events until it finishes; exits with its outcome")
    .argument('<id>', 'job id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const job = await watchJob(context, id, { jsonEveryChange: true });
      if (!context.json) {
        context.print(outcomeText(job));
      }
      process.exitCode = exitCodeForOutcome(job.status);
    });
}
