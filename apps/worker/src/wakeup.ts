/** Lets an idle loop sleep until either something happens or a timeout passes. */
export class Wakeup {
  private pending: (() => void) | null = null;
  private woken = false;

  wake(): void {
    this.woken = true;
    this.pending?.();
  }

  /**
   * Resolves on the next wake() (or at once if one came since the last wait), or after `ms`.
   * @returns whether a wake() ended it (false: the time ran out)
   */
  async wait(ms: number): Promise<boolean> {
    if (this.woken) {
      this.woken = false;
      return true;
    }
    const woken = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.pending = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    this.pending = null;
    this.woken = false;
    return woken;
  }
}
