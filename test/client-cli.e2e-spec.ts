import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TestPlatform, freePort, runCommand } from '@lib/testing';

// The `jobs` command line as the package builds it (`npm run build` builds it too).
const CLI = join(__dirname, '..', 'libs/client/dist/cjs/cli/jobs.cli.js');

describe('the jobs command line', () => {
  const platform = new TestPlatform('client_cli');

  beforeAll(async () => {
    await platform.start('api');
    // `low` is not served, so jobs there stay queued until cancelled.
    await platform.start('worker', { WORKER_QUEUES: 'high,default' });
  });
  afterAll(() => platform.stop());

  const jobs = (args: string[], env: Record<string, string> = {}) =>
    runCommand(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        JOBS_URL: platform.url,
        JOBS_API_KEY: platform.apiKey,
        ...env,
      },
    });
  const lines = (text: string) => text.split('\n').filter((line) => line !== '');
  const create = async (...args: string[]): Promise<string> => {
    const run = await jobs(['create', 'sleep', '--json', ...args]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout).job_id;
  };

  it('creates a job, waits for it, reads and lists it, one JSON document per line', async () => {
    const created = await jobs([
      'create',
      'sleep',
      '--payload',
      '{"ms":50,"message":"hi"}',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(lines(created.stdout)).toHaveLength(1);
    const { job_id, status } = JSON.parse(created.stdout);
    expect(status).toBe('queued');

    const waited = await jobs(['wait', job_id, '--json']);
    expect(waited.code).toBe(0);
    expect(lines(waited.stdout).map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        id: job_id,
        status: 'completed',
        result: expect.objectContaining({ message: 'hi' }),
      }),
    ]);
    expect(JSON.parse((await jobs(['status', job_id, '--json'])).stdout)).toMatchObject({
      id: job_id,
      status: 'completed',
    });
    const listed = await jobs([
      'list',
      '--type',
      'sleep',
      '--status',
      'completed',
      '--limit',
      '1',
      '--json',
    ]);
    expect(JSON.parse(listed.stdout).jobs.map((job: { id: string }) => job.id)).toEqual([job_id]);
  });

  it('prints text without --json: the id and status, then one line per change and the outcome', async () => {
    const created = await jobs([
      'create',
      'sleep',
      '--payload',
      '{"ms":300,"message":"text"}',
      '--priority',
      '2',
    ]);
    expect(created.code).toBe(0);
    const [id, status] = created.stdout.trim().split(' ');
    expect(status).toBe('queued');

    const waited = await jobs(['wait', id]);
    expect(waited.code).toBe(0);
    const output = lines(waited.stdout);
    const outcome = output.pop() ?? '';
    expect(outcome.startsWith(`${id} completed {`)).toBe(true);
    expect(JSON.parse(outcome.slice(`${id} completed `.length))).toEqual({
      slept_ms: 300,
      message: 'text',
      attempt: 1,
    });
    for (const line of output) {
      expect(line).toMatch(/^(queued|running|completed)( \d+%)?$/);
    }
    expect(new Set(output).size).toBe(output.length);
    expect((await jobs(['status', id])).stdout).toContain(
      `id: ${id}\ntype: sleep\nqueue: default\nstatus: completed\n`,
    );
  });

  it('creates a job that waits for others, and one that runs whatever they end as', async () => {
    const first = await create('--payload', '{"ms":500}');
    const second = await create('--payload', '{"ms":1}', '--queue', 'low');
    const created = await jobs([
      'create',
      'sleep',
      '--payload',
      '{"ms":1}',
      '--depends-on',
      `${first}, ${second}`,
      '--on-dependency-failure',
      'run',
    ]);
    expect(created.code).toBe(0);
    const [id, status] = created.stdout.trim().split(' ');
    expect(status).toBe('waiting');
    expect((await platform.get(`/job-status/${id}`)).body).toMatchObject({
      depends_on: [first, second],
      on_dependency_failure: 'run',
    });
    // `low` is not served here: cancelling the second dependency lets the job run.
    await jobs(['cancel', second]);
    expect((await jobs(['wait', id])).code).toBe(0);
    const refused = await jobs(['create', 'sleep', '--on-dependency-failure', 'skip']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("'skip' is invalid. Allowed choices are cancel, run.");
  });

  it('shows a live progress bar when stdout is a terminal', async () => {
    const id = await create('--payload', '{"ms":300}');
    // script(1) runs the command on a pseudo-terminal, as a person's shell would.
    const command = [process.execPath, CLI, 'wait', id].join(' ');
    const run = await runCommand('script', ['-qec', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', JOBS_URL: platform.url, JOBS_API_KEY: platform.apiKey },
    });
    expect(run.code).toBe(0);
    // The bar's characters (cli-progress' shades preset) appear only when drawing a bar.
    expect(run.stdout).toMatch(/completed +\u2588{40} 100%/);
    expect(run.stdout).toContain(`${id} completed`);
  });

  it('exits 2 for a failed job and names its error', async () => {
    const id = await create('--payload', '{"ms":0,"fail_attempts":1}', '--max-attempts', '1');
    const waited = await jobs(['wait', id]);
    expect(waited.code).toBe(2);
    expect(lines(waited.stdout).pop()).toBe(
      `${id} failed: Attempt 1 fails on purpose (fail_attempts is 1).`,
    );
  });

  it('cancels (exit 3 for wait and follow), retries, and exits 4 when wait --timeout passes', async () => {
    const id = await create('--payload', '{"ms":0}', '--queue', 'low');
    const timedOut = await jobs(['wait', id, '--timeout', '300']);
    expect(timedOut).toMatchObject({
      code: 4,
      stderr: `jobs: Job ${id} did not finish within 300 ms (last seen: queued). Raise --timeout to wait longer.\n`,
    });

    expect(await jobs(['cancel', id])).toMatchObject({ code: 0, stdout: `${id} cancelled\n` });
    expect((await jobs(['wait', id])).code).toBe(3);
    const followed = await jobs(['follow', id, '--json']);
    expect(followed.code).toBe(3);
    expect(JSON.parse(lines(followed.stdout).pop() ?? '')).toMatchObject({
      id,
      status: 'cancelled',
    });

    expect(await jobs(['retry', id])).toMatchObject({ code: 0, stdout: `${id} queued\n` });
    await jobs(['cancel', id]);
  });

  it('follows a job to its end, one JSON document per change', async () => {
    const id = await create('--payload', '{"ms":400}');
    const followed = await jobs(['follow', id, '--json']);
    expect(followed.code).toBe(0);
    const documents = lines(followed.stdout).map((line) => JSON.parse(line));
    expect(documents.at(-1)).toMatchObject({ id, status: 'completed', progress: 100 });
    expect(documents.every((document) => document.id === id)).toBe(true);
    const texts = documents.map((document) => JSON.stringify(document));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('exits 1 with one line naming the problem, never a stack', async () => {
    const refused = await jobs(['create', 'sleep', '--payload', '{"ms":-1}']);
    expect(refused).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'jobs: payload.ms must be an integer from 0 to 3600000, got -1. (HTTP 400, invalid_payload)\n',
    });
    const unknown = await jobs(['status', randomUUID()]);
    expect(unknown.code).toBe(1);
    expect(lines(unknown.stderr)).toEqual([
      expect.stringMatching(/^jobs: .*\(HTTP 404, [a-z_]+\)$/),
    ]);
    const badKey = await jobs(['list'], { JOBS_API_KEY: 'jp_not_a_key' });
    expect(badKey.code).toBe(1);
    expect(lines(badKey.stderr)).toEqual([
      expect.stringMatching(/^jobs: .*\(HTTP 401, [a-z_]+\)$/),
    ]);

    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await jobs(['list', '--url', url])).toMatchObject({
      code: 1,
      stderr: `jobs: Cannot reach the API at ${url} (--url or JOBS_URL): ECONNREFUSED.\n`,
    });
    expect(await jobs(['wait', randomUUID(), '--url', url])).toMatchObject({
      code: 1,
      stderr: `jobs: Cannot reach the API at ${url} (--url or JOBS_URL): ECONNREFUSED.\n`,
    });
    const usage = await jobs(['create', 'sleep', '--priority', 'high']);
    expect(usage.code).toBe(1);
    expect(lines(usage.stderr)).toEqual([
      `error: option '--priority <n>' argument 'high' is invalid. Expected an integer from 0 to 1000000, got "high".`,
    ]);
    expect(await jobs(['payload'])).toMatchObject({
      code: 1,
      stderr: "error: unknown command 'payload'\n",
    });
  });

  it('documents the commands, the environment and the exit codes in --help', async () => {
    const help = await jobs(['--help']);
    expect(help.code).toBe(0);
    for (const word of [
      'create',
      'status',
      'wait',
      'follow',
      'cancel',
      'retry',
      'list',
      'JOBS_URL',
      'JOBS_API_KEY',
    ]) {
      expect(help.stdout).toContain(word);
    }
    expect(help.stdout).toMatch(
      /Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*failed\n {2}3 .*cancelled\n {2}4 .*timeout/,
    );
  });
});
