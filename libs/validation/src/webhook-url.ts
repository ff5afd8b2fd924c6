/** Longest webhook URL accepted, in characters. */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** The rule a webhook URL follows, worded for error messages. */
export const WEBHOOK_URL_RULE = `must be an absolute http or https URL of at most ${WEBHOOK_URL_MAX_LENGTH} characters, such as "https://example.com/hooks/jobs"`;

/** Whether `value` is a URL the platform can POST a webhook to. */
export function isWebhookUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > WEBHOOK_URL_MAX_LENGTH || !URL.canParse(value)) {
    return false;
  }
  const { protocol, hostname } = new URL(value);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
}
