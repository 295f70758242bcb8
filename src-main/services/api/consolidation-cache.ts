// Remembers the last merge of each period: the consolidation screen and the figure sources it asks
// for, click after click, would otherwise merge the whole season again on every call. An entry is
// used only while its stamp (the pack, the last audit entry) is unchanged, and is dropped when the
// period's data change.

export type StampPart = string | number | object | null

export class ConsolidationCache<T> {
  private readonly entries = new Map<string, { stamp: readonly StampPart[]; value: T }>()

  /** the cached value for the period if its stamp is the same, else `compute()`, remembered */
  get(period: string, stamp: readonly StampPart[], compute: () => T): T {
    const hit = this.entries.get(period)
    if (hit && hit.stamp.length === stamp.length && hit.stamp.every((s, i) => s === stamp[i]))
      return hit.value
    const value = compute()
    this.entries.set(period, { stamp, value })
    return value
  }

  invalidate(period?: string): void {
    if (period === undefined) this.entries.clear()
    else this.entries.delete(period)
  }
}
