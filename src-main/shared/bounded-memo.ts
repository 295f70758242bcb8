// A bounded memory of computed values: a batch repeats the same texts (labels, codes, escaped strings,
// small parts) from file to file, so each is worked out once per process. Forgotten all at once when
// full (a batch's working set fits; a pathological one only costs the work again). Every memo made here
// is listed, so that all can be emptied at once (`resetMemos`: tests, and a long-running process
// between batches if it wishes).

const all = new Set<{ clear: () => void }>()

export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>()

  constructor(readonly limit: number) {
    all.add(this)
  }

  get(key: K): V | undefined {
    return this.values.get(key)
  }

  has(key: K): boolean {
    return this.values.has(key)
  }

  /** Keeps `value` for `key`, first forgetting everything when the memo is full. */
  set(key: K, value: V): void {
    if (this.values.size >= this.limit) this.values.clear()
    this.values.set(key, value)
  }

  get size(): number {
    return this.values.size
  }

  clear(): void {
    this.values.clear()
  }
}

/** Empties every memo. */
export function resetMemos(): void {
  for (const memo of all) memo.clear()
}

/**
 * A bounded memo keyed by a pair (a number format and a value), without making a key of the two: its
 * entries are counted together and forgotten all at once like a `BoundedMemo`'s.
 */
export class BoundedPairMemo<K1, K2, V> {
  private readonly values = new Map<K1, Map<K2, V>>()
  private count = 0

  constructor(readonly limit: number) {
    all.add(this)
  }

  /** The values kept for `first`, to look several seconds up in: `get`/`has` on it, `set` here. */
  under(first: K1): ReadonlyMap<K2, V> | undefined {
    return this.values.get(first)
  }

  set(first: K1, second: K2, value: V): void {
    let inner = this.values.get(first)
    if (inner?.has(second) !== true) {
      if (this.count >= this.limit) {
        this.clear()
        inner = undefined
      }
      this.count++
    }
    if (inner === undefined) this.values.set(first, (inner = new Map()))
    inner.set(second, value)
  }

  get size(): number {
    return this.count
  }

  clear(): void {
    this.values.clear()
    this.count = 0
  }
}
