import type { Command } from 'commander';
import { JobsClient } from '../jobs-client.js';

/** The options every command takes, from the command line or the environment. */
export interface GlobalOptions {
  /** The API's base URL (`--url`, `JOBS_URL`). */
  url: string;
  /** The API key's token (`--api-key`, `JOBS_API_KEY`). */
  apiKey?: string;
  /** One JSON document per line on stdout instead of text (`--json`). */
  json?: boolean;
}

/** What a command's action works with. */
export interface CliContext {
  client: JobsClient;
  json: boolean;
  /** Writes one line to stdout. */
  print: (line: string) => void;
  /** Writes `document` as one JSON line when `--json` is given, else `text()`. */
  printDocument: (document: unknown, text: () => string) => void;
}

/** The context of the command being run, from its own and the program's options. */
export function cliContext(command: Command): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const json = options.json === true;
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  return {
    client: new JobsClient({ baseUrl: options.url, apiKey: options.apiKey }),
    json,
    print,
    printDocument: (document, text) => print(json ? JSON.stringify(document) : text()),
  };
}
