import { Command } from 'commander';
import type { JobsClient } from '../jobs-client.js';
import { cliContext } from './cli-context.js';

/** What a command taking one job id asks the API, and how it prints the answer as text. */
export interface JobIdCommandSpec<Answer> {
  name: string;
  description: string;
  request: (client: JobsClient, id: string) => Promise<Answer>;
  text: (answer: Answer) => string;
}

/** A command `<name> <id>` that makes one request and prints its answer (as is with --json). */
export function jobIdCommand<Answer>(spec: JobIdCommandSpec<Answer>): Command {
  return new Command(spec.name)
    .description(spec.description)
    .argument('<id>', 'job id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = cliContext(command);
      const answer = await spec.request(context.client, id);
      context.printDocument(answer, () => spec.text(answer));
    });
}
