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
 * would overspend is refused and forfeits what was left of the window's budget: a client that
 * sends more than it may is refused until the window resets, and can be refused before its
 * requests are even read (see `standing`), instead of having each new document parsed, validated
 * and priced first.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends `points` of `client`'s `budget` for the current window if they are left; if not, spends what is left and refuses. */
  consume(client: string, points: number, budget: number): RateLimitDecision {
    const window = this.currentWindow(client);
    const allowed = window.spent + points <= budget;
    window.spent = allowed ? window.spent + points : Math.max(window.spent, budget);
    return this.decision(window, budget, allowed);
  }

  /** Whether `client` has any of its `budget` left in the current window; spends nothing. */
  standing(client: string, budget: number): RateLimitDecision {
    const window = this.currentWindow(client);
    return this.decision(window, budget, window.spent < budget);
  }

  private currentWindow(client: string): Window {
    const now = this.now();
    const windowMs = this.windowSeconds * 1000;
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= windowMs) {
      this.forgetExpired(now, windowMs);
      window = { startedAt: now, spent: 0 };
      this.windows.set(client, window);
    }
    return window;
  }

  private decision(window: Window, budget: number, allowed: boolean): RateLimitDecision {
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowSeconds * 1000 - this.now()) / 1000));
    return { allowed, limit: budget, remaining: Math.max(0, budget - window.spent), resetSeconds };
  }

  private forgetExpired(now: number, windowMs: number) {
    for (const [client, window] of this.windows) {
      if (now - window.startedAt >= windowMs) this.windows.delete(client);
    }
  }
}
