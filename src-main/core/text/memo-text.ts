// A bounded memory of a text function's results: every file repeats the form's labels and headers,
// so folding or converting them once per process is enough. Cleared whole when full.
import { BoundedMemo } from '../../shared/bounded-memo'

export const TEXT_MEMO_LIMIT = 50_000

export function memoText(fn: (s: string) => string, limit = TEXT_MEMO_LIMIT): (s: string) => string {
  const cache = new BoundedMemo<string, string>(limit)
  return (s) => {
    const hit = cache.get(s)
    if (hit !== undefined) return hit
    const out = fn(s)
    cache.set(s, out)
    return out
  }
}
