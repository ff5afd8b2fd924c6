import type { JobStatusDocument } from '../api-types.js';
import { progressText } from './progress-text.js';
import type { StatusDisplay } from './status-display.js';

/**
 * For a stdout that is not a terminal (a log, a pipe): one line `<status> <progress>` per
 * change, so that the output reads well and diffs well.
 */
export class StatusLinesDisplay implements StatusDisplay {
  private last = '';

  constructor(private readonly print: (line: string) => void) {}

  show(job: JobStatusDocument): void {
    const line = [job.status, progressText(job.progress)].filter(Boolean).join(' ');
    if (line !== this.last) {
      this.last = line;
      this.print(line);
    }
  }

  stop(): void {}
}
