// The bytes of request bodies held in memory by all requests not yet committed, under one cap. Each
// request alone is bounded by the body limit, but 80 clients sending 33 MB bodies at once had taken
// the process to 5.5 GB. A request that would take the total past the cap is answered 503 instead
// (http-server.ts), and the vendor retries it.
export class InflightBudget {
  private used = 0;
  /** Requests answered 503 because the budget was full. */
  refused = 0;

  /** `limit` 0: no cap, bytes are only counted. */
  constructor(readonly limit: number) {}

  get bytes(): number {
    return this.used;
  }

  /** Whether `bytes` more would fit now, without taking them. */
  fits(bytes: number): boolean {
    return this.limit === 0 || this.used + bytes <= this.limit;
  }

  /** Takes `bytes` if they fit; false (and nothing taken) when they do not. */
  take(bytes: number): boolean {
    if (!this.fits(bytes)) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }
}
