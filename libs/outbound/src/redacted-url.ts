/**
 * The URL as it may be shown in errors, results and logs: without `user:password@`, the
 * query string and the fragment, where secrets travel (a query string shows as `?…`). A
 * request path (`/jobs?token=…`) keeps its path alone. Text that is neither becomes a
 * placeholder rather than being echoed.
 */
export function redactedUrl(url: string | URL): string {
  if (typeof url === 'string' && url.startsWith('/')) {
    const end = url.search(/[?#]/);
    return end === -1 ? url : `${url.slice(0, end)}${url[end] === '?' ? '?…' : ''}`;
  }
  const parsed = typeof url === 'string' ? (URL.canParse(url) ? new URL(url) : null) : url;
  if (parsed === null) {
    return '(a value that is not a URL)';
  }
  const query = parsed.search ? '?…' : '';
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}
