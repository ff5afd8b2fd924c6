import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkedFetch } from './checked-fetch';
import { repositoryRoot } from './repository-root';

export type AppName = 'api' | 'worker' | 'scheduler';

const READY_LINE: Record<AppName, string> = {
  api: 'API listening',
  worker: 'Worker health and metrics on',
  scheduler: 'Scheduler ready',
};

const ROOT = repositoryRoot();

/** A built app running as a child process, as in production. */
export class AppProcess {
  private readonly child: ChildProcess;
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly app: AppName,
    readonly env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [join(ROOT, `dist/apps/${app}/apps/${app}/src/main.js`)], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => (this.output += chunk.toString());
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Whether the process has not exited yet. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * GET on this app's own HTTP port (PORT for the API, HEALTH_PORT for the others). The
   * API's answers are checked against its OpenAPI document, like TestPlatform's requests.
   */
  async get(path: string): Promise<{ status: number; text: string; json: () => any }> {
    if (this.app === 'api') {
      const answer = await checkedFetch(`${this.origin()}${path}`);
      return { status: answer.status, text: answer.text, json: () => JSON.parse(answer.text) };
    }
    return this.unchecked(path);
  }

  private async unchecked(
    path: string,
  ): Promise<{ status: number; text: string; json: () => any }> {
    const response = await fetch(`${this.origin()}${path}`);
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }

  private origin(): string {
    return `http://127.0.0.1:${this.port()}`;
  }

  /**
   * The port the app listens on: the one its environment names, or, when it chose one
   * itself (HEALTH_PORT empty or 0), the one its ready line prints.
   */
  port(): number {
    const set = this.app === 'api' ? this.env.PORT : this.env.HEALTH_PORT;
    if (set !== undefined && set !== '' && set !== '0') {
      return Number(set);
    }
    const printed = /on http:\/\/localhost:(\d+)/.exec(this.output)?.[1];
    if (printed === undefined) {
      throw new Error(`${this.app} has not printed the port it listens on yet.`);
    }
    return Number(printed);
  }

  /** Everything the process printed so far. */
  logs(): string {
    return this.output;
  }

  /** Resident memory of the process, in MB (Linux). */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
  }

  /**
   * Resolves once the app printed its ready line (or, when LOG_LEVEL hides that line,
   * answers on its HTTP port); fails if it exits first.
   */
  async ready(timeoutMs = 30_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (!this.output.includes(READY_LINE[this.app]) && !(await this.answers())) {
      if (exited || Date.now() > deadline) {
        throw new Error(`${this.app} did not become ready. Its output:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this;
  }

  // The ready line is logged at info: a quieter app is ready once its HTTP port answers.
  private async answers(): Promise<boolean> {
    if (!['warn', 'error', 'fatal'].includes(this.env.LOG_LEVEL ?? 'info')) {
      return false;
    }
    // Unchecked: the document may not be served yet.
    return this.unchecked('/health').then(
      () => true,
      () => false,
    );
  }

  /** Sends a signal and waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
    }
    return this.exited;
  }
}
