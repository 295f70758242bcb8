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
