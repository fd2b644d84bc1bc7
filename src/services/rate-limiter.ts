export interface RateLimitDecision {
  allowed: boolean;
  /** The client's budget per window. */
  limit: number;
  /** Points left in the current window after this request (0 when refused). */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

interface Window {
  startedAt: number;
  spent: number;
}

/**
 * Fixed-window budgets of cost points per client, in memory (one process). A request that
 * would overspend is refused and spends nothing.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends `points` of `client`'s `budget` for the current window, if there are enough left. */
  consume(client: string, points: number, budget: number): RateLimitDecision {
    const now = this.now();
    const windowMs = this.windowSeconds * 1000;
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= windowMs) {
      this.forgetExpired(now, windowMs);
      window = { startedAt: now, spent: 0 };
      this.windows.set(client, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
    if (window.spent + points > budget) return { allowed: false, limit: budget, remaining: Math.max(0, budget - window.spent), resetSeconds };
    window.spent += points;
    return { allowed: true, limit: budget, remaining: budget - window.spent, resetSeconds };
  }

  private forgetExpired(now: number, windowMs: number) {
    for (const [client, window] of this.windows) {
      if (now - window.startedAt >= windowMs) this.windows.delete(client);
    }
  }
}
