import { createRequire } from 'node:module';
import { URL, fileURLToPath } from 'node:url';

// The apps' own defaults, read from the build: the launcher probes exactly the addresses the
// apps would connect to, and names the embedded database as they would name theirs.
const require = createRequire(import.meta.url);
const { EnvironmentVariables } = require(
  fileURLToPath(
    new URL('../../dist/apps/api/libs/config/src/environment.variables.js', import.meta.url),
  ),
);

/** The default REDIS_URL and DATABASE_URL of the apps. */
export function platformDefaults() {
  const { REDIS_URL, DATABASE_URL } = new EnvironmentVariables();
  return { redisUrl: REDIS_URL, databaseUrl: DATABASE_URL };
}

/** The `host:port` of a redis:// or postgres:// URL, for a TCP probe and for messages. */
export function addressOf(url) {
  const { hostname, port } = new URL(url);
  return { host: hostname, port: Number(port) };
}
