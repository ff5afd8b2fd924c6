import { OutboundTimeoutError, redactedUrl } from '@lib/outbound';
import type { OutboundFetcher } from '@lib/outbound';
import { PlatformError } from '@lib/errors';
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import { InvalidPayloadError } from '../errors/invalid-payload.error';
import { PermanentJobError } from '../errors/permanent-job.error';
import { TransientJobError } from '../errors/transient-job.error';
import type { ImportSource } from './data-import.payload';

// Worth another attempt: the server may be back, or less busy, soon.
const RETRYABLE_STATUS = new Set([408, 425, 429]);

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The file's absolute path, once it lies inside IMPORT_DIR.
 * @throws InvalidPayloadError for `..`, or an absolute path, that leads outside it
 */
export function confinedPath(importDir: string, file: string): string {
  const path = resolve(importDir, file);
  if (!isInside(importDir, path)) {
    throw new InvalidPayloadError([
      `payload.source.file "${file}" is outside IMPORT_DIR (${importDir}); give a path inside it.`,
    ]);
  }
  return path;
}

/**
 * Checks a source without touching it: exactly one of url and file, an http(s) URL, a
 * file inside IMPORT_DIR.
 * @throws InvalidPayloadError
 */
export function checkSource(source: ImportSource, importDir: string): void {
  if ((source.url === undefined) === (source.file === undefined)) {
    throw new InvalidPayloadError(['payload.source must have exactly one of url and file.']);
  }
  if (source.file !== undefined) {
    confinedPath(importDir, source.file);
    return;
  }
  const protocol = URL.canParse(source.url ?? '') ? new URL(source.url ?? '').protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new InvalidPayloadError([
      `payload.source.url must be an http:// or https:// URL, got ${JSON.stringify(redactedUrl(source.url ?? ''))}.`,
    ]);
  }
}

async function openFile(importDir: string, file: string): Promise<Readable> {
  const path = confinedPath(importDir, file);
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw new PermanentJobError(`File ${file} does not exist in IMPORT_DIR (${importDir}).`, {
      cause: error,
    });
  }
  // A symbolic link inside the directory must not lead out of it.
  if (!isInside(await realpath(importDir), real)) {
    throw new PermanentJobError(`File ${file} links outside IMPORT_DIR (${importDir}).`);
  }
  return createReadStream(real);
}

async function openUrl(
  fetcher: OutboundFetcher,
  url: string,
  signal: AbortSignal,
): Promise<Readable> {
  const shown = redactedUrl(url);
  let response;
  try {
    response = await fetcher.fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) {
      throw error;
    }
    if (error instanceof OutboundTimeoutError) {
      throw new TransientJobError(error.message, { cause: error });
    }
    if (error instanceof PlatformError) {
      // A refused address, too many redirects: the same URL fails the same way again.
      throw new PermanentJobError(error.message, { cause: error });
    }
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new TransientJobError(`Could not reach ${shown}: ${reason}.`, { cause: error });
  }
  if (response.status < 200 || response.status > 299) {
    response.body.destroy();
    // The standard reason phrase, not the server's: nothing of the answer is repeated.
    const message = `${shown} answered ${response.status} ${STATUS_CODES[response.status] ?? ''}.`;
    if (response.status >= 500 || RETRYABLE_STATUS.has(response.status)) {
      throw new TransientJobError(message);
    }
    throw new PermanentJobError(message);
  }
  return response.body;
}

/**
 * Opens the source as a byte stream; a URL through the outbound guard.
 * @throws TransientJobError when an HTTP source is unreachable, times out or answers 5xx,
 *   408 or 429
 * @throws PermanentJobError for other 4xx answers, a refused address, too many redirects
 *   and a missing file
 */
export function openSource(
  source: ImportSource,
  importDir: string,
  fetcher: OutboundFetcher,
  signal: AbortSignal,
): Promise<Readable> {
  return source.file !== undefined
    ? openFile(importDir, source.file)
    : openUrl(fetcher, source.url ?? '', signal);
}
