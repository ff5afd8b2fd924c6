import { PlatformConfig } from '@lib/config';
import { OutboundAddressRefusedError, OutboundFetcher, redactedUrl } from '@lib/outbound';
import { Injectable } from '@nestjs/common';
import { webhookHeaders } from './webhook-signature';

/** A request to send: the signed body of one attempt. */
export interface WebhookRequest {
  url: string;
  secret: string;
  webhookId: string;
  body: string;
}

/** What one attempt led to; `error` null only for a 2xx answer. */
export interface WebhookResponse {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The outbound guard refused the address: the same attempt would be refused again. */
  refused: boolean;
}

/**
 * POSTs a signed status document through the outbound guard, waiting WEBHOOK_TIMEOUT_MS at
 * most for the answer. Never throws for the receiver's failures: it says what happened.
 */
@Injectable()
export class WebhookSender {
  private readonly timeoutMs: number;

  constructor(
    private readonly fetcher: OutboundFetcher,
    config: PlatformConfig,
  ) {
    this.timeoutMs = config.webhooks.timeoutMs;
  }

  /** @throws the abort reason when `signal` (the attempt's) aborts first */
  async send(request: WebhookRequest, signal: AbortSignal): Promise<WebhookResponse> {
    const started = Date.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const elapsed = () => Date.now() - started;
    try {
      const response = await this.fetcher.fetch(request.url, {
        method: 'POST',
        body: request.body,
        signal: AbortSignal.any([signal, timeout]),
        headers: {
          'content-type': 'application/json',
          ...webhookHeaders(request.secret, request.webhookId, new Date(), request.body),
        },
      });
      // The answer's body says nothing the platform uses.
      response.body.destroy();
      const ok = response.status >= 200 && response.status < 300;
      const status = `${response.status} ${response.statusText}`.trim();
      const error = ok ? null : `the receiver answered ${status}; only a 2xx answer counts.`;
      return { statusCode: response.status, error, durationMs: elapsed(), refused: false };
    } catch (error) {
      signal.throwIfAborted();
      return {
        statusCode: null,
        error: timeout.aborted
          ? `no answer from ${redactedUrl(request.url)} within WEBHOOK_TIMEOUT_MS (${this.timeoutMs} ms).`
          : (error as Error).message,
        durationMs: elapsed(),
        refused: error instanceof OutboundAddressRefusedError,
      };
    }
  }
}
