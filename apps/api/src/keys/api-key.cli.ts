// `npm run -s api-key -- create|list|revoke …`: manages API keys in the platform's
// Postgres. stdout carries only JSON lines (one per key), so that scripts can read it;
// a problem is one line on stderr and exit status 1.
import { ApiKeyStore } from '@lib/auth';
import type { ApiKey } from '@lib/auth';
import { loadPlatformConfig } from '@lib/config';
import { dataSourceOptions, openDataSource } from '@lib/database';
import { PlatformError } from '@lib/errors';
import { JOB_STATUS_SCHEMA } from '@lib/job-status';
import { apiKeyCommand } from './api-key-command';
import type { ApiKeyCommand } from './api-key-command';
import { ApiKeyUsageError } from './api-key-usage.error';

const line = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const listed = (key: ApiKey) => ({
  id: key.id,
  tenant: key.tenant,
  name: key.name,
  scopes: key.scopes,
  job_types: key.jobTypes,
  created_at: key.createdAt.toISOString(),
  revoked_at: key.revokedAt?.toISOString() ?? null,
});

async function run(store: ApiKeyStore, command: ApiKeyCommand): Promise<void> {
  switch (command.action) {
    case 'create': {
      const key = await store.create(command.key);
      line({ id: key.id, tenant: key.tenant, scopes: key.scopes, token: key.token });
      return;
    }
    case 'list':
      (await store.list(command.tenant)).forEach((key) => line(listed(key)));
      return;
    case 'revoke':
      if (!(await store.revoke(command.id))) {
        throw new ApiKeyUsageError(`No current API key has id ${command.id} (see list).`);
      }
      line({ id: command.id, revoked: true });
      return;
  }
}

async function main(): Promise<void> {
  // The command is checked before anything connects: a typo costs no round trip.
  const command = apiKeyCommand(process.argv.slice(2));
  const config = loadPlatformConfig(process.env, 'api');
  // The same migrations the apps run: a key can be made before the API ever started.
  const dataSource = await openDataSource(
    dataSourceOptions(config.database.url, JOB_STATUS_SCHEMA),
  );
  try {
    await run(new ApiKeyStore(dataSource), command);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof PlatformError ? error.message : `api-key failed: ${(error as Error).message}`;
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 1;
});
