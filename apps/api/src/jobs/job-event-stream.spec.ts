import { text } from 'node:stream/consumers';
import type { JobStatus } from '@lib/job-status';
import { NEVER, Subject, of } from 'rxjs';
import { jobEventStream } from './job-event-stream';

const job = (version: string, status: JobStatus['status']) =>
  ({
    id: 'j1',
    version,
    status,
    type: 'sleep',
    queue: 'default',
    priority: 0,
    payload: {},
    result: null,
    error: null,
    errors: [],
    progress: null,
    attempts: 0,
    maxAttempts: 1,
    timeoutMs: 1000,
    runAt: null,
    cancelRequestedAt: null,
    scheduleName: null,
    scheduledFor: null,
    createdAt: new Date(0),
    startedAt: null,
    finishedAt: null,
    updatedAt: new Date(0),
  }) as unknown as JobStatus;

describe('jobEventStream', () => {
  it('writes the retry hint, then one status event per status with its version as id', async () => {
    const body = await text(jobEventStream(of(job('1', 'queued'), job('3', 'completed')), 60_000));
    const blocks = body.split('\n\n');
    expect(blocks[0]).toMatch(/^retry: 3000\nid: 1\nevent: status\ndata: \{.*"status":"queued"/);
    expect(blocks[1]).toMatch(/^id: 3\nevent: status\ndata: \{.*"status":"completed"/);
    expect(blocks[2]).toBe('');
  });

  it('stops following when the client goes', () => {
    const statuses = new Subject<JobStatus>();
    const stream = jobEventStream(statuses, 60_000);
    stream.destroy();
    return new Promise<void>((resolve) =>
      stream.once('close', () => {
        expect(statuses.observed).toBe(false);
        resolve();
      }),
    );
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const stream = jobEventStream(NEVER, 10);
    let written = '';
    for await (const chunk of stream) {
      written += String(chunk);
      if (written.includes(': heartbeat\n')) {
        break;
      }
    }
    expect(written).toMatch(/^retry: 3000\n(: heartbeat\n)+$/);
  });
});
