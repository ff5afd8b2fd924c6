import type { PlatformConfig } from '@lib/config';
import type { ListenPort } from './listen-port';

const DEFAULT_HEALTH_PORT = 3001;

/**
 * Where a worker or a scheduler serves /health and /metrics: HEALTH_PORT exactly when it is
 * set (0: any free port), else 3001 or the next free port, so that any number of them start
 * side by side on one host with no setting of their own.
 */
export const healthPort = ({ health }: PlatformConfig): ListenPort =>
  health.port === null
    ? { port: DEFAULT_HEALTH_PORT, variable: 'HEALTH_PORT', orNextFree: true }
    : { port: health.port, variable: 'HEALTH_PORT', orNextFree: false };
