// A1 cell addresses for the page (the engine's own helpers live in core, which the page cannot see).
export function columnLetter(c: number): string {
  let s = ''
  let n = c + 1
  while (n > 0) {
    const m = (n - 1) % 26
    s = String.fromCharCode(65 + m) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** `F11` -> {r: 10, c: 5}, 0-based; null for anything else */
export function parseA1(a1: string | null | undefined): { r: number; c: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(a1 ?? '')
  if (!m || !m[1] || !m[2]) return null
  let c = 0
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64)
  return { r: Number(m[2]) - 1, c: c - 1 }
}
