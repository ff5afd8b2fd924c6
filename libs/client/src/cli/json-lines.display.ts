import type { JobStatusDocument } from '../api-types.js';
import type { StatusDisplay } from './status-display.js';

/** For `follow --json`: each status document as one JSON line, as the API sent it. */
export class JsonLinesDisplay implements StatusDisplay {
  constructor(private readonly print: (line: string) => void) {}

  show(job: JobStatusDocument): void {
    this.print(JSON.stringify(job));
  }

  stop(): void {}
}
