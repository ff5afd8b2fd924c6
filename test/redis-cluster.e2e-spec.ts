import { QueueEvents } from 'bullmq';
import { FAST_RECOVERY, RedisCluster, TestPlatform, waitFor } from '@lib/testing';

const QUEUES = ['high', 'default', 'low', 'etl', 'webhooks'];
const ADMIN = { ADMIN_USER: 'admin', ADMIN_PASSWORD: 'correct horse' };
const boardAuth = {
  authorization: `Basic ${Buffer.from('admin:correct horse').toString('base64')}`,
};
const allCompletedOnce = { notCompleted: [], completedTwice: [], waiting: [] };

describe('the platform on a Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let cluster: RedisCluster;
  let platform: TestPlatform;

  beforeAll(async () => {
    cluster = await RedisCluster.start(3);
    platform = new TestPlatform('redis-cluster', {
      REDIS_CLUSTER_NODES: cluster.seedNodes,
      // The default prefix: which master each queue lands on is then the same every run.
      QUEUE_PREFIX: 'jobs',
      WORKER_STALL_TIMEOUT_MS: '1500',
      ...FAST_RECOVERY,
      ...ADMIN,
    });
    await platform.start('api');
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await cluster?.stop();
  });

  it('runs a job to completion, and health, metrics and the dashboard see the cluster', async () => {
    // One worker serves the tests until one needs a worker of its own.
    const worker = await platform.start('worker');
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1 } });
    expect(await platform.waitForStatus(id, ['completed'])).toMatchObject({ attempts: 1 });

    const api = platform.apps('api')[0];
    for (const app of [api, worker]) {
      const ready = await app.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.json()).toMatchObject({
        status: 'ok',
        info: {
          redis: {
            status: 'up',
            cluster_nodes: cluster.seedNodes,
            masters: 3,
            maxmemory_policy: 'noeviction',
          },
        },
      });
    }
    await waitFor(
      'the queue depth gauge to count the completed job',
      async () => (await api.get('/metrics')).text,
      (text) => /queue_jobs\{queue="default",state="completed"\} 1/.test(text),
    );
    const board = await platform.get('/admin/queues/api/queues', { headers: boardAuth });
    expect(board.status).toBe(200);
    const shown = board.body.queues.find((queue: { name: string }) => queue.name === 'default');
    expect(shown.counts.completed).toBe(1);
    const stats = await platform.get('/admin/queues/api/redis/stats', { headers: boardAuth });
    expect(stats.status).toBe(200);
  });

  it('keeps each queue in one slot, and spreads the queues over the masters', async () => {
    // A job in each queue: every queue has keys (finished jobs stay in Redis for an hour).
    for (const queue of QUEUES) {
      await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue });
    }
    const keysByNode = await Promise.all(
      cluster.nodes.map(async (node) => (await node.command('KEYS', '*')) as string[]),
    );
    const nodesOf = new Map<string, Set<number>>();
    const slotsOf = new Map<string, Set<number>>();
    for (const [index, keys] of keysByNode.entries()) {
      for (const key of keys.filter((k) => k.startsWith('{jobs:'))) {
        // BullMQ's keys, `{jobs:high}:high:…`, and the loss marker `{jobs:high}:epoch`.
        const queue = /^\{jobs:([a-z]+)\}:(?:\1:|epoch$)/.exec(key)?.[1];
        expect(queue).toBeDefined();
        const slot = Number(await cluster.nodes[index].command('CLUSTER', 'KEYSLOT', key));
        nodesOf.set(queue!, (nodesOf.get(queue!) ?? new Set()).add(index));
        slotsOf.set(queue!, (slotsOf.get(queue!) ?? new Set()).add(slot));
      }
    }
    expect([...nodesOf.keys()].sort()).toEqual([...QUEUES].sort());
    for (const queue of QUEUES) {
      expect(slotsOf.get(queue)?.size).toBe(1);
      expect(nodesOf.get(queue)?.size).toBe(1);
      // The node CLUSTER SLOTS names for the queue's hash tag is the one holding its keys.
      const owner = await cluster.nodeOf(`{jobs:${queue}}`);
      expect(cluster.nodes[[...nodesOf.get(queue)!][0]]).toBe(owner);
    }
    const slots = QUEUES.map((queue) => [...slotsOf.get(queue)!][0]);
    expect(new Set(slots).size).toBe(QUEUES.length);
    const masters = new Set(QUEUES.map((queue) => [...nodesOf.get(queue)!][0]));
    expect(masters.size).toBeGreaterThan(1);
    // Nothing of the platform's outside a hash tag but its own single keys.
    const untagged = keysByNode.flat().filter((key) => !key.startsWith('{jobs:'));
    expect(untagged.filter((key) => !key.startsWith('jobs:limits:'))).toEqual([]);

    await platform.waitForAllFinished(await queuedIds());
  });

  it('retries a failing job until it completes', async () => {
    const id = await platform.createJob({
      type: 'sleep',
      payload: { ms: 1, fail_attempts: 2 },
      backoff: { type: 'fixed', delay_ms: 200 },
    });
    expect(await platform.waitForStatus(id, ['completed'])).toMatchObject({ attempts: 3 });
  });

  it('carries queue events and the cancellation of a running job over the cluster', async () => {
    const events = new QueueEvents('default', {
      connection: cluster.client(),
      prefix: '{jobs:default}',
    });
    const subscriber = cluster.client();
    const heard: string[] = [];
    try {
      await events.waitUntilReady();
      const added = new Set<string>();
      events.on('added', ({ jobId }) => added.add(jobId));
      subscriber.on('message', (channel: string, message: string) => {
        if (channel === 'jobs:cancellations') {
          heard.push(message);
        }
      });
      await subscriber.subscribe('jobs:cancellations');

      const id = await platform.createJob({ type: 'sleep', payload: { ms: 60_000 } });
      await waitFor(
        'the job’s added event',
        () => Promise.resolve(added),
        (ids) => ids.has(id),
      );
      await platform.waitForStatus(id, ['running']);
      const response = await platform.post(`/jobs/${id}/cancel`, {});
      expect(response.body).toEqual({ job_id: id, status: 'cancelling' });
      const job = await platform.waitForStatus(id, ['cancelled'], 5000);
      expect(job).toMatchObject({ attempts: 1, result: null });
      expect(heard).toContain(id);
    } finally {
      await events.close();
      subscriber.disconnect();
    }
  });

  it('finishes every acknowledged job after FLUSHALL on every master', async () => {
    // Queued while no worker runs, so that the flush takes them all.
    await platform.kill('worker');
    const burst = (count: number, request: Record<string, unknown>) =>
      Promise.all(Array.from({ length: count }, () => platform.createJob(request)));
    const queued = (
      await Promise.all(
        QUEUES.filter((queue) => queue !== 'webhooks').map((queue) =>
          burst(10, { type: 'sleep', payload: { ms: 1 }, queue }),
        ),
      )
    ).flat();
    const delayed = await burst(10, { type: 'sleep', payload: { ms: 1 }, delay_ms: 2000 });
    expect(await cluster.commandOnEach('FLUSHALL')).toEqual(['OK', 'OK', 'OK']);

    await platform.start('worker', { WORKER_CONCURRENCY: '20' });
    expect(await platform.settlement([...queued, ...delayed])).toEqual(allCompletedOnce);
    // Whichever app's sweep saw the markers gone first handed the jobs over: the API, or the
    // worker started after the flush.
    expect(liveApps().some((app) => app.logs().includes('Redis lost its data'))).toBe(true);
    expect(await recoveredByLiveApps('redis_data_lost')).toBeGreaterThan(0);
  });

  it('keeps a paused queue paused after FLUSHALL on every master', async () => {
    expect((await platform.post('/queues/low/pause', {})).status).toBe(200);
    const held = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'low' });
    expect(await cluster.commandOnEach('FLUSHALL')).toEqual(['OK', 'OK', 'OK']);
    const client = cluster.client();
    try {
      await waitFor(
        'the lost job to be handed back to its queue’s master',
        () => client.exists(`{jobs:low}:low:${held}`),
        (exists) => exists === 1,
      );
    } finally {
      client.disconnect();
    }
    const probe = await platform.createJob({ type: 'sleep', payload: { ms: 1 }, queue: 'high' });
    await platform.waitForStatus(probe, ['completed']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await platform.get(`/job-status/${held}`)).body.status).toBe('queued');
    expect((await platform.post('/queues/low/resume', {})).body.paused).toBe(false);
    await platform.waitForStatus(held, ['completed']);
  });

  it('serves high before default before low, and by priority within a queue', async () => {
    await platform.kill('worker');
    const create = (name: string, queue: string, priority?: number) =>
      platform.createJob({ type: 'sleep', payload: { ms: 20, message: name }, queue, priority });
    const created = [
      await create('low-1', 'low'),
      await create('default-p5', 'default', 5),
      await create('high-p2', 'high', 2),
      await create('default-1', 'default'),
      await create('high-1', 'high'),
    ];
    await platform.start('worker', { WORKER_CONCURRENCY: '1' });
    const jobs = await Promise.all(created.map((id) => platform.waitForStatus(id, ['completed'])));
    const order = jobs
      .sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at))
      .map((job) => job.result.message);
    expect(order).toEqual(['high-1', 'high-p2', 'default-1', 'default-p5', 'low-1']);
  });

  it('finishes the job of a SIGKILLed worker on another worker', async () => {
    const doomed = platform.apps('worker').at(-1)!;
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1500 } });
    await platform.waitForStatus(id, ['running']);
    await doomed.stop('SIGKILL');
    await platform.start('worker');
    expect(await platform.waitForStatus(id, ['completed'], 30_000)).toMatchObject({
      status: 'completed',
    });
  });

  it('rescues a running job whose worker died and whose Redis copy the cluster lost', async () => {
    const doomed = platform.apps('worker').at(-1)!;
    const id = await platform.createJob({ type: 'sleep', payload: { ms: 1500 } });
    await platform.waitForStatus(id, ['running']);
    await doomed.stop('SIGKILL');
    expect(await cluster.commandOnEach('FLUSHALL')).toEqual(['OK', 'OK', 'OK']);
    await platform.start('worker');
    expect(await platform.waitForStatus(id, ['completed'], 30_000)).toMatchObject({ attempts: 2 });
    // Whichever app's audit saw it first rescued it: the API or a worker still running.
    expect(await recoveredByLiveApps('worker_lost')).toBe(1);
  });

  it('ran every recovery part and every fetch on the cluster without an error', () => {
    for (const app of [...platform.apps('api'), ...platform.apps('worker')]) {
      expect(app.logs()).not.toMatch(/Recovery: the [a-z -]+ failed|Could not fetch|CROSSSLOT/);
    }
  });

  function liveApps() {
    return [...platform.apps('api'), ...platform.apps('worker')].filter((app) => app.running);
  }

  /** jobs_recovered_total{reason} summed over the running apps: any of them may recover a job. */
  async function recoveredByLiveApps(reason: string): Promise<number> {
    let recovered = 0;
    for (const app of liveApps()) {
      const counted = new RegExp(`jobs_recovered_total\\{reason="${reason}"\\} (\\d+)`).exec(
        (await app.get('/metrics')).text,
      );
      recovered += Number(counted?.[1] ?? 0);
    }
    return recovered;
  }

  async function queuedIds(): Promise<string[]> {
    return (await platform.rows()).map((row) => row.id as string);
  }
});
