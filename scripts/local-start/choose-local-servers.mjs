/** The DATABASE_URL value that asks `npm start` for a PostgreSQL of its own. */
export const EMBEDDED_DATABASE = 'embedded';

const isSet = (value) => value !== undefined && value !== '';

/**
 * Decides which servers `npm start` gives the apps, from the environment and from whether
 * anything answers at the apps' default Redis and PostgreSQL addresses.
 *
 * - Queues: REDIS_URL, REDIS_CLUSTER_NODES or QUEUE_BACKEND set, or a Redis answering at the
 *   default address, leave the choice to the apps; otherwise the queues live in Postgres.
 * - Database: DATABASE_URL=embedded asks for the embedded PostgreSQL; any other DATABASE_URL,
 *   or a PostgreSQL answering at the default address, is used as it is; otherwise the
 *   embedded one is used.
 *
 * @param env the launcher's environment (`process.env`)
 * @param probes `{ redis, postgres }`, each `{ address, answers }`: the default `host:port`
 *   and whether a TCP connection to it succeeded
 * @throws Error when DATABASE_MIGRATION_URL is set beside an embedded database
 * @returns `embeddedDatabase`: whether to start the embedded PostgreSQL; `appEnv`: variables
 *   to add to the apps' environment; `banner`: lines explaining each automatic choice
 */
export function chooseLocalServers(env, probes) {
  const appEnv = {};
  const banner = [];
  const queuesLeftToApps =
    isSet(env.QUEUE_BACKEND) || isSet(env.REDIS_URL) || isSet(env.REDIS_CLUSTER_NODES);
  if (!queuesLeftToApps && !probes.redis.answers) {
    appEnv.QUEUE_BACKEND = 'postgres';
    banner.push(
      `No Redis answers at ${probes.redis.address} and REDIS_URL is not set: the queues live in PostgreSQL (QUEUE_BACKEND=postgres).`,
      `  To use Redis instead, start it at ${probes.redis.address} or set REDIS_URL.`,
    );
  }
  const asked = env.DATABASE_URL === EMBEDDED_DATABASE;
  const byDefault = !isSet(env.DATABASE_URL) && !probes.postgres.answers;
  if (byDefault) {
    banner.push(
      `No PostgreSQL answers at ${probes.postgres.address} and DATABASE_URL is not set: using an embedded PostgreSQL (DATABASE_URL=embedded).`,
      `  To use your own, start it at ${probes.postgres.address} or set DATABASE_URL.`,
    );
  }
  // The migrations would go to that other server while the apps use the embedded one.
  if ((asked || byDefault) && isSet(env.DATABASE_MIGRATION_URL)) {
    throw new Error(
      'DATABASE_MIGRATION_URL is set, but npm start gives the apps an embedded PostgreSQL, ' +
        'which their migrations would then miss: unset DATABASE_MIGRATION_URL, or set ' +
        'DATABASE_URL to the server it names.',
    );
  }
  return { embeddedDatabase: asked || byDefault, appEnv, banner };
}
