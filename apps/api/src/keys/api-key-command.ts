import { parseArgs } from 'node:util';
import { checkTenantName, parseScopes } from '@lib/auth';
import type { NewApiKey } from '@lib/auth';
import { ApiKeyUsageError } from './api-key-usage.error';

/** What `npm run api-key -- …` asks for. */
export type ApiKeyCommand =
  | { action: 'create'; key: NewApiKey }
  | { action: 'list'; tenant?: string }
  | { action: 'revoke'; id: string };

const OPTIONS = {
  tenant: { type: 'string' },
  scopes: { type: 'string' },
  types: { type: 'string' },
  name: { type: 'string' },
} as const;

const JOB_TYPE_LIST = /^[a-z0-9_]+(,[a-z0-9_]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// parseArgs' own messages run on about what to do with a dash; the option is what matters.
function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    throw new ApiKeyUsageError(
      option ? `Unknown or incomplete option ${option}.` : (error as Error).message,
    );
  }
}

function onlyFor(action: string, given: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(given).find((option) => !allowed.includes(option));
  if (extra !== undefined) {
    throw new ApiKeyUsageError(`Option --${extra} does not apply to ${action}.`);
  }
}

/**
 * Reads the command line (without `node` and the script).
 * @throws ApiKeyUsageError, InvalidTenantError or UnknownScopeError naming what is wrong
 */
export function apiKeyCommand(argv: readonly string[]): ApiKeyCommand {
  const { values, positionals } = parse(argv);
  const [action, ...rest] = positionals;
  if (action === 'revoke') {
    onlyFor('revoke', values, []);
    if (rest.length !== 1 || !UUID.test(rest[0])) {
      throw new ApiKeyUsageError('revoke takes one key id, a UUID as create and list print.');
    }
    return { action, id: rest[0].toLowerCase() };
  }
  if (rest.length > 0) {
    throw new ApiKeyUsageError(`Unexpected argument ${JSON.stringify(rest[0])}.`);
  }
  if (action === 'list') {
    onlyFor('list', values, ['tenant']);
    return {
      action,
      tenant: values.tenant === undefined ? undefined : checkTenantName(values.tenant),
    };
  }
  if (action !== 'create') {
    throw new ApiKeyUsageError(
      action === undefined ? 'No command given.' : `Unknown command ${JSON.stringify(action)}.`,
    );
  }
  if (values.tenant === undefined) {
    throw new ApiKeyUsageError('create needs --tenant.');
  }
  if (values.types !== undefined && !JOB_TYPE_LIST.test(values.types)) {
    throw new ApiKeyUsageError(
      `--types must be a comma-separated list of job types such as sleep,data_import, got ${JSON.stringify(values.types)}.`,
    );
  }
  return {
    action,
    key: {
      tenant: checkTenantName(values.tenant),
      name: values.name,
      scopes: values.scopes === undefined ? undefined : parseScopes(values.scopes),
      jobTypes: values.types?.split(','),
    },
  };
}
