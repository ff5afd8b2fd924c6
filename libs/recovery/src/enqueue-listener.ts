import { PlatformConfig } from '@lib/config';
import { ChannelListener } from '@lib/database';
import type { ChannelHandlers } from '@lib/database';
import { Injectable } from '@nestjs/common';

/** The channel `jobs_enqueue()` notifies with each new job's id; delivered at commit. */
const ENQUEUED_CHANNEL = 'jobs_enqueued';

export interface EnqueueHandlers {
  /** A job was committed with this id. */
  enqueued: (id: string) => void;
  /** Listening (again): notifications sent meanwhile were missed. */
  listening: () => void;
}

/**
 * Listens for jobs created inside other services' transactions. Notifications missed
 * while disconnected are not lost: the sweep finds their rows.
 */
@Injectable()
export class EnqueueListener {
  private readonly listener: ChannelListener;

  constructor(config: PlatformConfig) {
    this.listener = new ChannelListener(config.database.url, ENQUEUED_CHANNEL);
  }

  /** Connects and listens; never throws (a failure is retried every second). */
  start(handlers: EnqueueHandlers): Promise<void> {
    const channelHandlers: ChannelHandlers = {
      message: handlers.enqueued,
      listening: handlers.listening,
    };
    return this.listener.start(channelHandlers);
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
