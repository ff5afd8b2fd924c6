import { Command, Option } from 'commander';
import type { CreateJobRequest } from '../api-types.js';
import { cliContext } from './cli-context.js';
import { integerArgument } from './integer-argument.js';
import { jsonObjectArgument } from './json-argument.js';

interface CreateOptions {
  payload: Record<string, unknown>;
  queue?: string;
  priority?: number;
  delayMs?: number;
  runAt?: string;
  maxAttempts?: number;
  timeoutMs?: number;
  backoff?: Record<string, unknown>;
  idempotencyKey?: string;
  dependsOn?: string[];
  onDependencyFailure?: 'cancel' | 'run';
}

const jobIds = (value: string): string[] => value.split(',').map((id) => id.trim());

/** `jobs create <type>`: POST /create-jobs with one job; prints its id and status. */
export function createCommand(): Command {
  return new Command('create')
    .description('create a job; prints "<job id> <status>" (the document with --json)')
    .argument('<type>', 'job type, e.g. sleep')
    .addOption(
      new Option('--payload <json>', "the job type's input, a JSON object")
        .argParser(jsonObjectArgument)
        .default({}, '{}'),
    )
    .option('--queue <name>', "queue (high, default, low, …); default: the job type's")
    .option('--priority <n>', '0 (default) runs first, then 1, 2, …', integerArgument(0, 1e6))
    .option(
      '--delay-ms <ms>',
      'wait this long before the first attempt',
      integerArgument(0, 31536e6),
    )
    .option('--run-at <time>', 'run no earlier than this ISO-8601 time')
    .option('--max-attempts <n>', 'attempts in all, the first included', integerArgument(1, 100))
    .option('--timeout-ms <ms>', 'longest an attempt may run', integerArgument(1, 6048e5))
    .option(
      '--backoff <json>',
      'delay between attempts, e.g. {"type":"exponential","delay_ms":1000}',
      jsonObjectArgument,
    )
    .option('--idempotency-key <key>', 'the same key again returns the same job')
    .option('--depends-on <ids>', 'comma-separated job ids that must complete first', jobIds)
    .addOption(
      new Option(
        '--on-dependency-failure <policy>',
        'when a dependency fails: cancel this job (default) or run it anyway',
      ).choices(['cancel', 'run']),
    )
    .action(async (type: string, options: CreateOptions, command: Command) => {
      const context = cliContext(command);
      const created = await context.client.createJob(requestOf(type, options));
      context.printDocument(created, () => `${created.job_id} ${created.status}`);
    });
}

function requestOf(type: string, options: CreateOptions): CreateJobRequest {
  return {
    type,
    payload: options.payload,
    queue: options.queue,
    priority: options.priority,
    delay_ms: options.delayMs,
    run_at: options.runAt,
    max_attempts: options.maxAttempts,
    timeout_ms: options.timeoutMs,
    backoff: options.backoff as CreateJobRequest['backoff'],
    idempotency_key: options.idempotencyKey,
    depends_on: options.dependsOn,
    on_dependency_failure: options.onDependencyFailure,
  };
}
