import { CONSUMER_OPTIONS, RedisQueueStore, connectRedis } from '@lib/queues';
import type { StoredQueue } from '@lib/queues';
import { TestQueuePrefix, waitFor } from '@lib/testing';
import { ServedQueue } from './served-queue';

// A second and a bit: past the time a queue found empty is left alone without an arrival.
const PAST_RECHECK_MS = 1_100;

describe('a served queue, against Redis', () => {
  const keys = new TestQueuePrefix('served-queue');
  let store: RedisQueueStore;
  let producer: StoredQueue;
  let served: ServedQueue;
  // Its own queue (and event stream) for the arrival tests: no event of another test reaches it.
  let watched: ServedQueue;
  let wakeUps = 0;

  beforeAll(async () => {
    const settings = { url: keys.redisUrl, prefix: keys.prefix, clusterNodes: null };
    store = new RedisQueueStore(await connectRedis(settings, CONSUMER_OPTIONS), settings);
    producer = store.queue('default');
    served = new ServedQueue('default', {
      store,
      stallTimeoutMs: 30_000,
      onMaybeWaiting: () => undefined,
    });
    watched = new ServedQueue('high', {
      store,
      stallTimeoutMs: 30_000,
      onMaybeWaiting: () => (wakeUps += 1),
    });
    await Promise.all([served.start(), watched.start()]);
  });
  afterAll(async () => {
    await Promise.all([served.close(), watched.close()]);
    await store.close();
    await keys.clear();
  });

  const add = (jobId: string, priority = 0) =>
    producer.add('sleep', { ms: 0 }, { jobId, priority: priority || undefined });

  it('completes a job and, asked to, takes the next one in the same round trip', async () => {
    await add('first');
    await add('urgent', 1);
    await add('later', 2);
    const token = 'slot-1';
    const first = await served.fetch(token);
    expect(first?.id).toBe('first');

    const next = await served.complete(first!, { done: true }, token, true);
    expect(next?.id).toBe('urgent');
    expect(await next?.isActive()).toBe(true);
    expect(await producer.getJobState('first')).toBe('completed');

    // Not asked: the completion takes nothing, and the last job stays waiting for any slot.
    expect(await served.complete(next!, null, token, false)).toBeUndefined();
    expect(await producer.getJobState('later')).toBe('prioritized');
    const last = await served.fetch('slot-2');
    expect(last?.id).toBe('later');
    expect(await served.complete(last!, null, 'slot-2', true)).toBeUndefined();
  });

  it('is left alone once found empty, until a job arrives', async () => {
    const seen = watched.arrivalsSeen;
    expect(await watched.fetch('slot-3')).toBeUndefined();
    watched.foundEmpty(seen);
    expect(watched.worthFetching()).toBe(false);
    expect(watched.seemsEmpty).toBe(true);

    const before = wakeUps;
    await store.queue('high').add('sleep', { ms: 0 }, { jobId: 'arrived' });
    await waitFor(
      'the arrival to be heard',
      () => Promise.resolve(watched.worthFetching()),
      Boolean,
    );
    expect(wakeUps).toBeGreaterThan(before);
    expect(watched.seemsEmpty).toBe(false);
    const job = await watched.fetch('slot-3');
    expect(job?.id).toBe('arrived');
    await watched.complete(job!, null, 'slot-3', false);
  });

  it('stays worth fetching when a job arrived while the fetch that found it empty ran', () => {
    const seen = watched.arrivalsSeen;
    watched.noteArrival();
    watched.foundEmpty(seen);
    expect(watched.worthFetching()).toBe(true);
  });

  it('is looked at again a second after it was found empty, arrival or not', () => {
    watched.foundEmpty(watched.arrivalsSeen);
    expect(watched.worthFetching()).toBe(false);
    expect(watched.worthFetching(Date.now() + PAST_RECHECK_MS)).toBe(true);
    watched.recheck();
    expect(watched.worthFetching()).toBe(true);
  });
});
