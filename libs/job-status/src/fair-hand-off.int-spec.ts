import { randomUUID } from 'node:crypto';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { TestDatabase } from '@lib/testing';
import type { DataSource } from 'typeorm';
import { HandOffLedger } from './hand-off-ledger';
import type { AwaitingHandOff } from './hand-off-ledger';
import type { NewJobStatus } from './job-status.entity';
import { JobStatusRecorder } from './job-status.recorder';
import { JOB_STATUS_SCHEMA } from './job-status.schema';

const WINDOW = 3;
const windows = { otherTenants: WINDOW, tenants: ['capped'], sizes: [2] };

describe('the fair hand-off, against Postgres', () => {
  const database = new TestDatabase('fair_hand_off');
  let dataSource: DataSource;
  let recorder: JobStatusRecorder;
  let ledger: HandOffLedger;

  beforeAll(async () => {
    dataSource = await openDataSource(dataSourceOptions(database.url, JOB_STATUS_SCHEMA));
    recorder = new JobStatusRecorder(dataSource);
    ledger = new HandOffLedger(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });
  beforeEach(() => dataSource.query('DELETE FROM job_statuses'));

  const job = (tenantId: string, handOffWindow: number, priority = 0): NewJobStatus => ({
    id: randomUUID(),
    tenantId,
    type: 'sleep',
    queue: 'default',
    priority,
    status: 'queued',
    payload: { ms: 1 },
    attempts: 0,
    maxAttempts: 1,
    timeoutMs: 60_000,
    backoff: { type: 'fixed', delay_ms: 10 },
    runAt: null,
    idempotencyKey: null,
    requestHash: null,
    scheduleName: null,
    scheduledFor: null,
    dependsOn: null,
    onDependencyFailure: 'cancel',
    webhookUrl: null,
    webhookSecret: null,
    handOffWindow,
  });
  const create = (jobs: NewJobStatus[]) => Promise.all(jobs.map((row) => recorder.create(row)));
  const tenantOf = async (ids: string[]) =>
    (
      await dataSource.query<Array<{ tenant_id: string }>>(
        'SELECT tenant_id FROM job_statuses WHERE id = ANY($1)',
        [ids],
      )
    ).map((row) => row.tenant_id);
  // Everything awaiting a hand-off, as announced rows (so the creators' grace does not apply).
  const handAll = (rows: AwaitingHandOff[]) => Promise.resolve(rows.map((row) => row.id));
  const claimAll = async (handOff = handAll) => {
    const ids = (await dataSource.query<Array<{ id: string }>>('SELECT id FROM job_statuses')).map(
      (row) => row.id,
    );
    return ledger.claim({ graceMs: 60_000, ids, limit: 100, windows }, handOff);
  };

  it('holds back what does not fit the window, and every later job of that line', async () => {
    const first = await create(Array.from({ length: 5 }, () => job('a', WINDOW)));
    expect(first.map((written) => written?.heldBack)).toEqual([false, false, false, true, true]);
    // Another statement: the three handed over are still their creator's (not marked yet).
    const [later] = await create([job('a', WINDOW)]);
    expect(later?.heldBack).toBe(true);
    const [other] = await create([job('b', WINDOW)]);
    expect(other?.heldBack).toBe(false);
    expect(await ledger.anyHeldBack()).toBe(true);
  });

  it("gives each line its window's room, the lines taking turns", async () => {
    const a = Array.from({ length: 6 }, () => job('a', 0));
    const b = Array.from({ length: 2 }, () => job('b', 0));
    await create([...a, ...b]);
    const handed: string[] = [];
    await claimAll((rows) => {
      handed.push(...rows.map((row) => row.id));
      return handAll(rows);
    });
    expect(await tenantOf(handed)).toHaveLength(WINDOW + 2);
    // First of each line, then the second of each, then the rest of a's room.
    expect(handed.slice(0, 4).sort()).toEqual([a[0].id, a[1].id, b[0].id, b[1].id].sort());
    expect(handed.slice(4)).toEqual([a[2].id]);
    // Full windows: nothing more until a job leaves Redis.
    expect(await claimAll()).toEqual([]);
  });

  it('serves a line by priority, then in the order its jobs were created', async () => {
    const jobs = [job('a', 0, 5), job('a', 0, 1), job('a', 0, 9), job('a', 0, 1)];
    await create(jobs);
    const handed = await claimAll();
    expect(handed.map((row) => row.id)).toEqual([jobs[1].id, jobs[3].id, jobs[0].id]);
  });

  it('never hands a window more than its size, however many processes claim at once', async () => {
    await create(Array.from({ length: 6 }, () => job('capped', 0)));
    const slowHandOff = async (rows: AwaitingHandOff[]) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return handAll(rows);
    };
    const claims = await Promise.all([1, 2, 3].map(() => claimAll(slowHandOff)));
    const handed = claims.flat().map((row) => row.id);
    expect(new Set(handed).size).toBe(2);
    expect(handed).toHaveLength(2);
    expect(await claimAll()).toEqual([]);
  });
});
