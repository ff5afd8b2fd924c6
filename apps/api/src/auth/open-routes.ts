/**
 * Route patterns that need no API key: probes, metrics scrapers and the API's own docs
 * carry none; the dashboard checks its own credentials (see guardDashboard).
 */
const OPEN_PREFIXES = ['/health', '/metrics', '/docs', '/admin/queues'];

/** True for a route pattern (not a raw URL) that needs no API key. */
export const isOpenRoute = (pattern: string | undefined): boolean =>
  pattern !== undefined &&
  OPEN_PREFIXES.some(
    (prefix) =>
      pattern === prefix ||
      pattern.startsWith(`${prefix}/`) ||
      (prefix === '/docs' && pattern.startsWith('/docs-')),
  );
