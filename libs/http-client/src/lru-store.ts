/** Limits and hooks of an {@link LruStore}. */
export interface LruStoreOptions<V> {
  maxEntries: number;
  maxBytes: number;
  /** Approximate size of a value; summed against `maxBytes`. */
  sizeOf: (value: V) => number;
  /** Called for every entry that leaves the store (eviction, replacement, delete, clear). */
  onRemove?: (key: string, value: V, evicted: boolean) => void;
}

/**
 * A least-recently-used map bounded by entry count and by approximate bytes. A `Map` keeps
 * insertion order, so re-inserting on access makes its first key the least recently used.
 */
export class LruStore<V> {
  private readonly map = new Map<string, { value: V; size: number }>();
  private totalBytes = 0;
  private evictionCount = 0;

  constructor(private readonly options: LruStoreOptions<V>) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Entries dropped to stay within the limits (not deletes or replacements). */
  get evictions(): number {
    return this.evictionCount;
  }

  /** Returns the value and marks it most recently used. */
  get(key: string): V | undefined {
    const slot = this.map.get(key);
    if (!slot) return undefined;
    this.map.delete(key);
    this.map.set(key, slot);
    return slot.value;
  }

  /**
   * Stores a value as most recently used, evicting the least recently used until the limits
   * hold. Returns false (and stores nothing) when the value alone exceeds `maxBytes`.
   */
  set(key: string, value: V): boolean {
    const size = this.options.sizeOf(value);
    this.delete(key);
    if (size > this.options.maxBytes || this.options.maxEntries < 1) return false;
    this.map.set(key, { value, size });
    this.totalBytes += size;
    while (this.map.size > this.options.maxEntries || this.totalBytes > this.options.maxBytes) {
      const oldest = this.map.keys().next().value as string;
      this.remove(oldest, true);
    }
    return true;
  }

  delete(key: string): boolean {
    return this.remove(key, false);
  }

  clear(): void {
    for (const key of [...this.map.keys()]) this.remove(key, false);
  }

  private remove(key: string, evicted: boolean): boolean {
    const slot = this.map.get(key);
    if (!slot) return false;
    this.map.delete(key);
    this.totalBytes -= slot.size;
    if (evicted) this.evictionCount++;
    this.options.onRemove?.(key, slot.value, evicted);
    return true;
  }
}
