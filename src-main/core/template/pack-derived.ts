// Data derived from a template pack alone (the table keys, the rule plan, the merge's cell table, the
// period words…), made once per pack on first use and kept as long as the pack is: a batch analyses
// thousands of files against one pack. One helper for every such cache, so that each is declared the
// same way and all can be dropped at once (`resetPackDerivedData`: tests, a pack changed in place).
import type { TemplatePack } from './pack'

const resets: Array<() => void> = []

/** `make` run once per pack; later calls with the same pack get the same value. */
export function derivedFromPack<T>(make: (pack: TemplatePack) => T): (pack: TemplatePack) => T {
  let made = new WeakMap<TemplatePack, T>()
  resets.push(() => {
    made = new WeakMap()
  })
  return (pack) => {
    let value = made.get(pack)
    if (value === undefined) {
      value = make(pack)
      made.set(pack, value)
    }
    return value
  }
}

/** Forgets every pack's derived data: each is made again on its next use. */
export function resetPackDerivedData(): void {
  for (const reset of resets) reset()
}
