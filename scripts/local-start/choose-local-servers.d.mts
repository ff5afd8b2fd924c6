// Types of choose-local-servers.mjs, for the TypeScript that tests it.
export declare const EMBEDDED_DATABASE: 'embedded';

export interface Probe {
  /** `host:port`, for messages. */
  address: string;
  /** Whether a TCP connection to it succeeded. */
  answers: boolean;
}

export interface LocalServers {
  embeddedDatabase: boolean;
  appEnv: { QUEUE_BACKEND?: 'postgres' };
  banner: string[];
}

export declare function chooseLocalServers(
  env: Record<string, string | undefined>,
  probes: { redis: Probe; postgres: Probe },
): LocalServers;
