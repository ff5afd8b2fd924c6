// Owns: every outbound HTTP request: which addresses it may reach, redirects, timeouts, and how URLs are shown.
// Must not import: any @lib but errors (job types, and later webhooks, depend on it).
export { refusedAddressRule } from './address-rule';
export { AllowedHosts } from './allowed-hosts';
export type { HostResolver, ResolvedAddress } from './host-resolver';
export { OutboundAddressRefusedError } from './outbound-address-refused.error';
export { MAX_REDIRECTS, OutboundFetcher } from './outbound-fetcher';
export type {
  OutboundRequestOptions,
  OutboundResponse,
  OutboundSettings,
} from './outbound-fetcher';
export { OutboundRedirectError } from './outbound-redirect.error';
export { OutboundTimeoutError } from './outbound-timeout.error';
export { redactedUrl } from './redacted-url';
export { TooManyRedirectsError } from './too-many-redirects.error';
