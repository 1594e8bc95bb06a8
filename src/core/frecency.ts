/**
 * Frecency: papers you opened or cited often and lately rank higher. Each use adds 1 to a paper's
 * weight, and weights halve every `halfLifeDays`; only the `capacity` strongest papers are kept, so
 * the stored state stays small. Time is passed in (milliseconds), never read, so this is pure.
 */
export interface FrecencyState {
  /** Paper id → [weight, time of last use in ms]. */
  entries: Record<string, [number, number]>;
}

export class Frecency {
  private readonly entries: Map<string, [number, number]>;

  constructor(
    state: FrecencyState | undefined,
    private readonly halfLifeDays = 14,
    private readonly capacity = 200,
  ) {
    this.entries = new Map(Object.entries(state?.entries ?? {}).filter(([, v]) => Array.isArray(v) && v.length === 2 && v.every(Number.isFinite)));
  }

  /** Records one use of a paper at time `now`. */
  record(id: string, now: number): void {
    this.entries.set(id, [this.weight(id, now) + 1, now]);
    if (this.entries.size > this.capacity) {
      const weakest = [...this.entries.keys()].sort((a, b) => this.weight(a, now) - this.weight(b, now) || (a < b ? -1 : 1));
      for (const id of weakest.slice(0, this.entries.size - this.capacity)) this.entries.delete(id);
    }
  }

  /** The decayed weight of a paper at time `now`; 0 for a paper never used. */
  weight(id: string, now: number): number {
    const entry = this.entries.get(id);
    if (!entry) return 0;
    const days = Math.max(0, now - entry[1]) / 86_400_000;
    return entry[0] * 0.5 ** (days / this.halfLifeDays);
  }

  /** A score multiplier for search: 1 for unused papers, growing slowly with use (at most 2). */
  boost(id: string, now: number): number {
    return 1 + Math.min(1, Math.log1p(this.weight(id, now)) / 3);
  }

  /** The search boost of every used paper (the others have 1). */
  boosts(now: number): Map<string, number> {
    return new Map([...this.entries.keys()].map((id) => [id, this.boost(id, now)]));
  }

  /** Ids of used papers, strongest first. */
  ranked(now: number): string[] {
    return [...this.entries.keys()].sort((a, b) => this.weight(b, now) - this.weight(a, now) || (a < b ? -1 : 1));
  }

  toState(): FrecencyState {
    return { entries: Object.fromEntries(this.entries) };
  }
}
