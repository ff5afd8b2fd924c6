import { isTransientDatabaseError } from '@lib/database';
import { Logger } from '@nestjs/common';

/**
 * How long an attempt runs before its start is written (`running`). A shorter attempt
 * never writes it: its outcome carries the start (one status write instead of two), and
 * meanwhile the job reads as still waiting. Short enough that any attempt a person or a
 * poll can see shows `running`.
 */
export const RECORD_RUNNING_AFTER_MS = 100;

/**
 * The `running` record of one attempt: written once, when the attempt has lasted
 * RECORD_RUNNING_AFTER_MS or when asked sooner (progress is only kept for a running
 * job). A refusal (the job changed since the attempt opened) calls `onRefused`.
 */
export class StartRecording {
  private readonly logger = new Logger('worker');
  private writing: Promise<boolean> | null = null;
  private written = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly write: () => Promise<boolean>,
    private readonly onRefused: () => void,
  ) {
    this.timer = setTimeout(() => {
      this.now().catch((error: Error) =>
        this.logger.error(`Could not record an attempt's start: ${error.message}`),
      );
    }, RECORD_RUNNING_AFTER_MS);
  }

  /** Whether Postgres holds this attempt as `running`. */
  get recorded(): boolean {
    return this.written;
  }

  /** Writes the start unless done; false when Postgres refused it. */
  now(): Promise<boolean> {
    this.writing ??= this.write().then(
      (accepted) => {
        this.written = accepted;
        if (!accepted) {
          this.onRefused();
        }
        return accepted;
      },
      (error: unknown) => {
        // Postgres away for a moment: the outcome will carry the start, or the next call.
        this.writing = null;
        if (!isTransientDatabaseError(error)) {
          throw error;
        }
        this.logger.debug(`Could not record a start yet: ${(error as Error).message}`);
        return true;
      },
    );
    return this.writing;
  }

  /**
   * The attempt is over: a start not yet written is left to its outcome; one being
   * written is waited for, so that the outcome is written after it.
   */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.writing?.catch(() => undefined);
  }
}
