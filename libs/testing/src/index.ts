// Owns: the test-only kit: an isolated database and queue prefix, the apps as processes, waitFor.
// Must not import: any app; nothing outside tests may import this lib.
export { ApiContract, EXEMPT_ROUTES } from './api-contract';
export { checkedFetch, contractOf } from './checked-fetch';
export type { CheckedResponse } from './checked-fetch';
export { closeObjects } from './closed-schema';
export type { ContractAnswer, ContractViolation } from './api-contract';
export { runApiKeyCli } from './api-key-cli';
export { AppProcess } from './app-process';
export type { AppName } from './app-process';
export { launchBrowser } from './browser';
export { ChannelListener } from './channel-listener';
export { FAST_RECOVERY } from './fast-recovery';
export { FixtureServer } from './fixture-server';
export { freePort } from './free-port';
export { readEvents } from './read-events';
export type { ServerSentEvent } from './read-events';
export { RedisCluster } from './redis-cluster';
export { RedisServer } from './redis-server';
export type { RedisServerOptions } from './redis-server';
export { runCommand } from './run-command';
export type { CliRun, RunCommandOptions } from './run-command';
export { TestDatabase } from './test-database';
export { TestPlatform } from './test-platform';
export type { HttpResponse, TestApiKey } from './test-platform';
export { TestQueuePrefix } from './test-queue-prefix';
export { waitFor } from './wait-for';
export { WebhookReceiver } from './webhook-receiver';
export type { ReceivedWebhook, ReceiverAnswer } from './webhook-receiver';
