import { Format, Presets, SingleBar } from 'cli-progress';
import type { Options, Params } from 'cli-progress';
import type { JobStatusDocument } from '../api-types.js';
import { progressText } from './progress-text.js';
import type { StatusDisplay } from './status-display.js';

interface BarPayload {
  status: string;
  details: string;
  numeric: boolean;
}

// A number is a percentage and fills the bar; an object (a job type's own counters) has no
// total to fill a bar against, so its fields are shown instead.
const PERCENT_FORMAT = '{status} {bar} {percentage}%';
const DETAILS_FORMAT = '{status} {details}';

/** For a terminal: one live line with the status and a bar of the job's progress. */
export class ProgressBarDisplay implements StatusDisplay {
  private readonly bar: SingleBar;
  private started = false;

  constructor(stream: NodeJS.WritableStream) {
    this.bar = new SingleBar(
      {
        stream,
        format: (options: Options, params: Params, payload: BarPayload) =>
          Format.Formatter(
            { ...options, format: payload.numeric ? PERCENT_FORMAT : DETAILS_FORMAT },
            params,
            payload,
          ),
        // A hidden cursor would stay hidden if the user ends the command with Ctrl-C.
        hideCursor: false,
      },
      Presets.shades_classic,
    );
  }

  show(job: JobStatusDocument): void {
    const value = typeof job.progress === 'number' ? job.progress : 0;
    const payload: BarPayload = {
      status: job.status.padEnd(9),
      details: progressText(job.progress),
      // A job that reported nothing yet shows an empty bar, as at 0 %.
      numeric: typeof job.progress !== 'object' || job.progress === null,
    };
    if (this.started) {
      this.bar.update(value, payload);
    } else {
      this.bar.start(100, value, payload);
      this.started = true;
    }
  }

  stop(): void {
    if (this.started) {
      this.bar.stop();
    }
  }
}
