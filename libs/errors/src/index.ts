// Owns: the base PlatformError and the categories the edges map to status codes.
// Must not import: any other @lib, Nest, BullMQ or TypeORM.
export { ERROR_CATEGORIES, PlatformError } from './platform.error';
export type { ErrorCategory } from './platform.error';
