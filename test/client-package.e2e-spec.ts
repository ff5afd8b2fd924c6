import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestPlatform, runCommand } from '@lib/testing';

const ROOT = join(__dirname, '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'libs/client/package.json'), 'utf8'));
// The name `npm pack` gives the tarball of a scoped package.
const TARBALL = `jobs-platform-client-${version}.tgz`;

// What a project that installs the packed tarball writes: the same program three ways.
const CJS_SCRIPT = `
const { JobsClient } = require('@jobs-platform/client');
const client = new JobsClient({ baseUrl: process.env.JOBS_URL, apiKey: process.env.JOBS_API_KEY });
client
  .createJob({ type: 'sleep', payload: { ms: 10, message: 'from commonjs' } })
  .then(({ job_id }) => client.waitForCompletion(job_id, { timeoutMs: 30000 }))
  .then((job) => console.log(JSON.stringify(job)));
`;
const ESM_SCRIPT = `
import { JobsClient } from '@jobs-platform/client';
const client = new JobsClient({ baseUrl: process.env.JOBS_URL, apiKey: process.env.JOBS_API_KEY });
const { job_id } = await client.createJob({ type: 'sleep', payload: { ms: 10, message: 'from esm' } });
console.log(JSON.stringify(await client.waitForCompletion(job_id, { timeoutMs: 30000 })));
`;
const TS_SCRIPT = `
import { JobsClient, NotFoundError } from '@jobs-platform/client';
import type { CreateJobRequest, JobStatusDocument } from '@jobs-platform/client';

interface SleepResult { slept_ms: number; message: string | null; attempt: number }

async function main(): Promise<void> {
  const client = new JobsClient({ baseUrl: process.env.JOBS_URL ?? '', apiKey: process.env.JOBS_API_KEY });
  const request: CreateJobRequest<{ ms: number; message: string }> = {
    type: 'sleep',
    payload: { ms: 10, message: 'from typescript' },
  };
  const { job_id } = await client.createJob(request);
  const job: JobStatusDocument<SleepResult> = await client.waitForCompletion<SleepResult>(job_id, { timeoutMs: 30000 });
  const slept: number | undefined = job.result?.slept_ms;
  console.log(JSON.stringify({ ...job, slept, notFound: NotFoundError.name }));
}
void main();
`;
// The declarations are real types, not any: a request without its payload does not compile.
const TS_MISTAKE = `
import { JobsClient } from '@jobs-platform/client';
void new JobsClient({ baseUrl: 'http://localhost:3000' }).createJob({ type: 'sleep' });
`;

describe('the packed @jobs-platform/client in a project of its own', () => {
  const platform = new TestPlatform('client_package');
  const folder = mkdtempSync(join(tmpdir(), 'jobs-client-package-'));
  const project = join(folder, 'project');
  let env: Record<string, string>;

  const run = (command: string, args: string[], cwd = project) =>
    runCommand(command, args, { cwd, env });
  const expectSuccess = async (command: string, args: string[], cwd?: string) => {
    const result = await run(command, args, cwd);
    if (result.code !== 0) {
      throw new Error(`${command} ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    }
    return result.stdout;
  };

  beforeAll(async () => {
    await platform.start('api');
    await platform.start('worker');
    env = {
      PATH: process.env.PATH ?? '',
      // npm finds its cache (and a registry setting) through these, as in the repository.
      HOME: process.env.HOME ?? folder,
      ...Object.fromEntries(
        Object.entries(process.env).filter(([name]) => /^npm_config_(cache|registry)$/i.test(name)),
      ),
      JOBS_URL: platform.url,
      JOBS_API_KEY: platform.apiKey,
    };
    await expectSuccess(
      'npm',
      ['pack', '-w', '@jobs-platform/client', '--pack-destination', folder],
      ROOT,
    );
    mkdirSync(project);
    await expectSuccess('npm', ['init', '-y']);
    await expectSuccess('npm', [
      'install',
      join(folder, TARBALL),
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
    ]);
  }, 120_000);
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await platform.stop();
  });

  it('creates a job and waits for it from CommonJS, ESM and TypeScript (both module kinds)', async () => {
    writeFileSync(join(project, 'use-client.cjs'), CJS_SCRIPT);
    writeFileSync(join(project, 'use-client.mjs'), ESM_SCRIPT);
    writeFileSync(join(project, 'use-client.ts'), TS_SCRIPT);
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const typeOptions = [
      '--module',
      'nodenext',
      '--target',
      'es2022',
      '--strict',
      '--typeRoots',
      join(ROOT, 'node_modules/@types'),
      '--types',
      'node',
    ];
    // As an ES module (.mts), the same program sees the ESM build's declarations.
    writeFileSync(join(project, 'use-client-esm.mts'), TS_SCRIPT);
    await expectSuccess(tsc, [
      ...typeOptions,
      '--outDir',
      'out',
      'use-client.ts',
      'use-client-esm.mts',
    ]);

    const outputs = [
      await expectSuccess(process.execPath, ['use-client.cjs']),
      await expectSuccess(process.execPath, ['use-client.mjs']),
      await expectSuccess(process.execPath, ['out/use-client.js']),
      await expectSuccess(process.execPath, ['out/use-client-esm.mjs']),
    ].map((output) => JSON.parse(output));
    expect(outputs.map((job) => [job.status, job.result.message])).toEqual([
      ['completed', 'from commonjs'],
      ['completed', 'from esm'],
      ['completed', 'from typescript'],
      ['completed', 'from typescript'],
    ]);
    expect(outputs[3]).toMatchObject({ slept: 10, notFound: 'NotFoundError' });

    writeFileSync(join(project, 'mistake.ts'), TS_MISTAKE);
    const mistake = await run(tsc, [...typeOptions, '--noEmit', 'mistake.ts']);
    expect(mistake.code).not.toBe(0);
    expect(mistake.stdout).toContain("Property 'payload' is missing");
  });

  // `jobs` is also a builtin of every POSIX shell, which wins over PATH wherever a shell runs
  // the command (npx, npm scripts, a terminal): there the same program is `jobs-platform`.
  it('installs the command line as jobs-platform for npx, and as jobs', async () => {
    const npx = (...args: string[]) => run('npx', ['--no', '--', 'jobs-platform', ...args]);
    const created = await npx('create', 'sleep', '--payload', '{"ms":10}', '--json');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const { job_id } = JSON.parse(created.stdout);
    const waited = await npx('wait', job_id);
    expect(waited).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`${job_id} completed`),
    });
    expect(await npx('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect((await npx('--help')).stdout).toMatch(/^Usage: jobs-platform /);

    const jobs = await run(join(project, 'node_modules/.bin/jobs'), ['status', job_id, '--json']);
    expect(jobs.code).toBe(0);
    expect(JSON.parse(jobs.stdout)).toMatchObject({ id: job_id, status: 'completed' });
  });
});
