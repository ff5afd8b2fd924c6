// Owns: class-validator rules shared by config, job payloads and API requests, in the platform's words.
// Must not import: any other @lib.
export { IntegerFrom } from './integer-from.decorator';
export type { IntegerFromOptions } from './integer-from.decorator';
