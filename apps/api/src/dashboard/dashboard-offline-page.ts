import type { FastifyInstance } from 'fastify';

// Bull Board 9.10.1's index.ejs links Google Fonts' stylesheet for IBM Plex. Its CSS already
// falls back to system fonts (--font-sans: "IBM Plex Sans", system-ui, …), so without the
// link the board looks the same minus the typeface and loads nothing from the internet.
const EXTERNAL_STYLESHEET = /<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>\s*/gi;

/** The board's page without stylesheets from other origins. */
export const withoutExternalStylesheets = (html: string): string =>
  html.replace(EXTERNAL_STYLESHEET, '');

/**
 * Serves the board's HTML pages (every route under `route` that answers text/html) without
 * the stylesheets Bull Board links from the internet, so the board works where the API has
 * no internet access and tells no third party who opens it. Rewriting the rendered page
 * keeps Bull Board's own template, whose asset names change with every release.
 */
export function serveBoardOffline(fastify: FastifyInstance, route: string): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const pattern = request.routeOptions.url ?? '';
    const underBoard = pattern === route || pattern.startsWith(`${route}/`);
    const isHtml = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
    return underBoard && isHtml && typeof payload === 'string'
      ? withoutExternalStylesheets(payload)
      : payload;
  });
}
