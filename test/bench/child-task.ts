import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage } from './parent-channel';

// Long enough for a drain of a full queue on a slow machine; a stuck child still fails the run.
const ANSWER_TIMEOUT_MS = 15 * 60_000;

/**
 * A bench script (an anchor, a load generator) running as a child process of its own,
 * so that it never shares a CPU's event loop with what it measures. It talks over IPC:
 * a ready message once set up, then one answer per request, in order.
 */
export class ChildTask {
  private output = '';
  private readonly messages: ChildMessage[] = [];
  private waiting: (() => void) | null = null;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly script: string,
    private readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) =>
      (this.output = (this.output + chunk.toString()).slice(-8000));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('message', (message: ChildMessage) => {
      this.messages.push(message);
      this.waiting?.();
    });
    child.on('exit', (code) => {
      this.exitCode = code;
      this.waiting?.();
    });
  }

  /**
   * Forks `script` (a path relative to this folder, without extension) with `options`
   * as its one argument, and waits for its ready message.
   */
  static async start<Ready>(
    script: string,
    options: object = {},
  ): Promise<{ task: ChildTask; ready: Ready }> {
    const child = fork(join(__dirname, `${script}.js`), [JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const task = new ChildTask(script, child);
    try {
      return { task, ready: await task.next<Ready>() };
    } catch (error) {
      await task.stop();
      throw error;
    }
  }

  /** Forks `script`, asks it one thing, and ends it. */
  static async answerOnce<Answer>(
    script: string,
    options: object,
    request: object,
  ): Promise<Answer> {
    const { task } = await ChildTask.start(script, options);
    try {
      return await task.request<Answer>(request);
    } finally {
      await task.stop();
    }
  }

  /** Sends a request and waits for its answer; a failure in the child rejects. */
  async request<Answer>(request: object): Promise<Answer> {
    this.child.send(request);
    return this.next<Answer>();
  }

  /** Ends the child (SIGKILL: what it holds is the bench's own and thrown away). */
  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  private async next<T>(): Promise<T> {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (this.messages.length === 0) {
      if (this.exitCode !== undefined || Date.now() > deadline) {
        const why = this.exitCode === undefined ? 'did not answer in time' : 'exited';
        throw new Error(`Bench child ${this.script} ${why}. Its output:\n${this.output}`);
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 1000);
      });
      this.waiting = null;
    }
    const message = this.messages.shift() as ChildMessage;
    if ('error' in message) {
      throw new Error(`Bench child ${this.script} failed: ${message.error}`);
    }
    return message.ok as T;
  }
}
