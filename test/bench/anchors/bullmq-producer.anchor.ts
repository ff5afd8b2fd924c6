// Anchor: raw BullMQ's producer side in a process of its own, adding no-op jobs with
// `queue.add` (one per call) or `queue.addBulk` (BULK_SIZE per call) as the parent asks.
import { Queue } from 'bullmq';
import { runLoad } from '../load/load-shape';
import type { LoadResult, LoadShape } from '../load/load-shape';
import { BULK_SIZE, NO_OP_JOB, NO_OP_QUEUE, RAW_JOB_OPTIONS } from '../no-op-job';
import { childOptions, serveParent } from '../parent-channel';
import type { RawQueueOptions } from './raw-queue.options';

export interface ProducerRequest {
  mode: 'add' | 'bulk';
  shape: LoadShape;
  /** Sent first and not timed. */
  warmUp?: Pick<LoadShape, 'until'>;
}

const { redisUrl, prefix } = childOptions<RawQueueOptions>();
const queue = new Queue(NO_OP_QUEUE, { connection: { url: redisUrl }, prefix });
const bulk = Array.from({ length: BULK_SIZE }, () => ({
  name: NO_OP_JOB.type,
  data: NO_OP_JOB.payload,
  opts: RAW_JOB_OPTIONS,
}));

async function produce({ mode, shape, warmUp }: ProducerRequest): Promise<LoadResult> {
  const call =
    mode === 'add'
      ? () => queue.add(NO_OP_JOB.type, NO_OP_JOB.payload, RAW_JOB_OPTIONS).then(() => 1)
      : () => queue.addBulk(bulk).then((jobs) => jobs.length);
  if (warmUp) {
    await runLoad({ ...shape, ...warmUp }, call);
  }
  return runLoad(shape, call);
}

serveParent(() => queue.waitUntilReady().then(() => true), produce);
