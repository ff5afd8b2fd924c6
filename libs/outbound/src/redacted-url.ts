/**
 * The URL as it may be shown in errors, results and logs: without `user:password@`, the
 * query string and the fragment, where secrets travel. Text that is not a URL becomes
 * its scheme-less placeholder rather than being echoed.
 */
export function redactedUrl(url: string | URL): string {
  const parsed = typeof url === 'string' ? (URL.canParse(url) ? new URL(url) : null) : url;
  if (parsed === null) {
    return '(a value that is not a URL)';
  }
  const query = parsed.search ? '?…' : '';
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}
