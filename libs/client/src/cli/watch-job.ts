import { WaitTimeoutError } from '../api-errors.js';
import { FINAL_STATES } from '../api-types.js';
import type { JobStatusDocument } from '../api-types.js';
import type { CliContext } from './cli-context.js';
import { JsonLinesDisplay } from './json-lines.display.js';
import { ProgressBarDisplay } from './progress-bar.display.js';
import type { StatusDisplay } from './status-display.js';
import { StatusLinesDisplay } from './status-lines.display.js';

export interface WatchJobOptions {
  /** Give up (WaitTimeoutError) after this long, in ms (`wait --timeout`); default never. */
  timeoutMs?: number;
  /** With `--json`: print every status document (`follow`) or only the final one (`wait`). */
  jsonEveryChange: boolean;
}

/**
 * Watches a job to its end, showing it as it changes: a live bar when stdout is a terminal,
 * a line per change otherwise, JSON lines with `--json`. Resolves with the final document.
 * @throws WaitTimeoutError past `timeoutMs`
 */
export async function watchJob(
  context: CliContext,
  id: string,
  options: WatchJobOptions,
): Promise<JobStatusDocument> {
  // watchStatus rides out an API that cannot be reached; a command must say so at once
  // instead (a wrong --url, a job id that does not exist), so it first asks once.
  let last = await context.client.getStatus(id);
  const signal =
    options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  const display = displayFor(context, options.jsonEveryChange);
  try {
    display.show(last);
    if (FINAL_STATES.includes(last.status)) {
      return last;
    }
    for await (const job of context.client.watchStatus(id, { signal })) {
      // The stream starts with the current status, most often the one just read.
      if (JSON.stringify(job) !== JSON.stringify(last)) {
        display.show(job);
      }
      last = job;
    }
  } catch (error) {
    throw signal?.aborted ? new WaitTimeoutError(id, options.timeoutMs ?? 0, last.status) : error;
  } finally {
    display.stop();
  }
  // watchStatus ends only after a final status, so `last` is one.
  return last;
}

function displayFor(context: CliContext, jsonEveryChange: boolean): StatusDisplay {
  if (context.json) {
    return jsonEveryChange ? new JsonLinesDisplay(context.print) : { show() {}, stop() {} };
  }
  return process.stdout.isTTY
    ? new ProgressBarDisplay(process.stdout)
    : new StatusLinesDisplay(context.print);
}
