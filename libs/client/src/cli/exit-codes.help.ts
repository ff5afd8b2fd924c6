import { EXIT_CODE } from './exit-code.js';

/** The exit codes, as `jobs --help` lists them after the commands. */
export const EXIT_CODES_HELP = [
  '',
  'Environment:',
  '  JOBS_URL        the API base URL when --url is not given (default http://localhost:3000)',
  '  JOBS_API_KEY    the API key when --api-key is not given',
  '',
  'Exit codes:',
  `  ${EXIT_CODE.ok}  done; for wait and follow: the job completed`,
  `  ${EXIT_CODE.error}  usage error, API unreachable, or the API refused the request (message on stderr)`,
  `  ${EXIT_CODE.failed}  the job failed`,
  `  ${EXIT_CODE.cancelled}  the job was cancelled`,
  `  ${EXIT_CODE.timedOut}  wait --timeout passed before the job finished`,
].join('\n');
