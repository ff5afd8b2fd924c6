import { EventStreamsExceededError } from './event-streams-exceeded.error';

/**
 * Open event streams per tenant, in this process only: a stream lives in one process,
 * and counting there costs no round trip. With N API processes behind a balancer a
 * tenant may hold up to N times the cap.
 */
export class TenantStreamCount {
  private readonly open = new Map<string, number>();

  /** @param maxPerTenant SSE_MAX_STREAMS_PER_TENANT */
  constructor(private readonly maxPerTenant: number) {}

  /**
   * Counts one more stream of the tenant; the returned function (idempotent) counts it out.
   * @throws EventStreamsExceededError when the tenant holds the maximum already
   */
  reserve(tenant: string): () => void {
    const count = this.open.get(tenant) ?? 0;
    if (count >= this.maxPerTenant) {
      throw new EventStreamsExceededError(tenant, this.maxPerTenant);
    }
    this.open.set(tenant, count + 1);
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const left = (this.open.get(tenant) ?? 1) - 1;
      if (left === 0) {
        this.open.delete(tenant);
      } else {
        this.open.set(tenant, left);
      }
    };
  }
}
