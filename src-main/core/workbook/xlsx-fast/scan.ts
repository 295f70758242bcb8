// Character-level helpers shared by the hand-written XML scanners of the fast reader.

export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

/** Whether s[from, to) needs no un-escaping: no entity, no `_x` escape, no carriage return. */
export function isPlainText(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c === 38 /* & */ || c === 95 /* _ */ || c === 13) return false
  }
  return true
}

/**
 * s.indexOf(pattern, from), found by searching for `rare`, a part of the pattern seldom seen in XML, and
 * checking the rest: a search for a pattern that starts with '<' stops at every tag.
 */
export function indexOfVia(s: string, pattern: string, rare: string, from: number): number {
  const at = pattern.indexOf(rare)
  for (let j = s.indexOf(rare, from + at); j >= 0; j = s.indexOf(rare, j + 1))
    if (s.startsWith(pattern, j - at)) return j - at
  return -1
}

/**
 * The index of the next `<!` at or after `from`, or -1. It looks for the '!', rare in XML, rather than
 * for `<!` itself: a search for a pattern that starts with '<' stops at every tag, several times slower.
 */
export function indexOfBang(text: string, from: number): number {
  for (let j = text.indexOf('!', from + 1); j >= 0; j = text.indexOf('!', j + 1))
    if (text.charCodeAt(j - 1) === 60 /* < */) return j - 1
  return -1
}
