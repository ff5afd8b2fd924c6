import { EXIT_CODE } from './exit-code.js';

/** What `jobs --help` adds after the commands: its two names, the environment and the exit codes. */
export const HELP_EPILOGUE = [
  '',
  'Installed as jobs and as jobs-platform: from a shell (npx, npm scripts, a terminal) call it',
  'jobs-platform, since every POSIX shell has a builtin named jobs that comes first.',
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
