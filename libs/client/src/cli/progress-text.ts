import type { JobStatusDocument } from '../api-types.js';

/**
 * A job's progress as text: `42%` for a number, `rows_read=10 rows_loaded=9` for an object
 * (a job type's own counters), empty when the job reported none.
 */
export function progressText(progress: JobStatusDocument['progress']): string {
  if (progress === null) {
    return '';
  }
  if (typeof progress === 'number') {
    return `${progress}%`;
  }
  return Object.entries(progress)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}
