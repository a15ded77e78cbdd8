/**
 * How long the commits of live edits took, which is how long the disk kept every edit from its
 * peers. Logged at shutdown; the benchmark reads the line and reports the fsync latency from it.
 */

/** Upper bounds of the duration buckets in milliseconds; each bucket is twice the one before. */
const BOUNDS_MS = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

export class CommitStatistics {
  commits = 0;
  updates = 0;
  totalMs = 0;
  maxMs = 0;
  /** Commits per bucket; the last one counts everything slower than the largest bound. */
  private readonly counts = new Array<number>(BOUNDS_MS.length + 1).fill(0);

  record(updates: number, durationMs: number): void {
    this.commits += 1;
    this.updates += updates;
    this.totalMs += durationMs;
    this.maxMs = Math.max(this.maxMs, durationMs);
    const bucket = BOUNDS_MS.findIndex((bound) => durationMs <= bound);
    this.counts[bucket === -1 ? BOUNDS_MS.length : bucket]! += 1;
  }

  /** The bucket bound below which the given share of commits finished (an upper estimate). */
  percentileMs(share: number): number {
    const wanted = Math.ceil(share * this.commits);
    let seen = 0;
    for (const [bucket, count] of this.counts.entries()) {
      seen += count;
      if (seen >= wanted && count > 0) return BOUNDS_MS[bucket] ?? this.maxMs;
    }
    return 0;
  }

  summary() {
    return {
      commits: this.commits,
      updates: this.updates,
      totalMs: this.totalMs,
      maxMs: this.maxMs,
      p50Ms: this.percentileMs(0.5),
      p99Ms: this.percentileMs(0.99),
    };
  }
}
