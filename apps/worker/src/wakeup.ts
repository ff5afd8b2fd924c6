/** Lets an idle loop sleep until either something happens or a timeout passes. */
export class Wakeup {
  private pending: (() => void) | null = null;
  private woken = false;

  wake(): void {
    this.woken = true;
    this.pending?.();
  }

  /** Resolves on the next wake() (or at once if one came since the last wait), or after `ms`. */
  async wait(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.pending = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.pending = null;
    this.woken = false;
  }
}
