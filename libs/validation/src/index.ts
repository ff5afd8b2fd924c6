// Owns: rules shared by config, job payloads and API requests: validated, worded and documented once.
// Must not import: any other @lib.
export { BackoffDto } from './backoff.dto';
export { findUnstorableText } from './find-unstorable-text';
export { IntegerFrom } from './integer-from.decorator';
export type { IntegerFromOptions } from './integer-from.decorator';
export { receivedValue } from './received-value';
export type { ReceivedValueOptions } from './received-value';
export { refusalMessage } from './refusal-message';
export { isStorableText } from './storable-text';
export { JobOptionsDto } from './job-options.dto';
export { unstorableTextProblem } from './unstorable-text-problem';
export { WEBHOOK_SECRET_RULE, isWebhookSecret } from './webhook-secret';
export { WEBHOOK_URL_MAX_LENGTH, WEBHOOK_URL_RULE, isWebhookUrl } from './webhook-url';
