// The line of each value in a JSON text, by its path (`columns.3.dim`), so that a mistake in
// manifest.json or layout.json names the line a person edits, not only a path they must count.
// The text has already parsed (JSON.parse): this walks it again, tolerant and small.

/** Maps `a.b.0.c` (keys and array indexes joined by dots; `` for the whole text) to a 1-based line. */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  let i = 0
  let line = 1
  const skipSpace = () => {
    while (i < text.length) {
      const c = text[i]
      if (c === '\n') line++
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\ufeff') return
      i++
    }
  }
  const readString = (): string => {
    const start = i
    i++ // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    try {
      return JSON.parse(text.slice(start, i)) as string
    } catch {
      return text.slice(start + 1, i - 1)
    }
  }
  const value = (path: string): void => {
    skipSpace()
    lines.set(path, line)
    const c = text[i]
    const at = (k: string | number) => (path === '' ? String(k) : `${path}.${k}`)
    if (c === '{') {
      i++
      for (;;) {
        skipSpace()
        if (text[i] === '}' || i >= text.length) break
        if (text[i] !== '"') return
        const keyLine = line
        const key = readString()
        skipSpace()
        i++ // colon
        value(at(key))
        // a key's line is where the key is written, even when its value starts on the next line
        lines.set(at(key), keyLine)
        skipSpace()
        if (text[i] === ',') i++
      }
      i++
    } else if (c === '[') {
      i++
      for (let n = 0; ; n++) {
        skipSpace()
        if (text[i] === ']' || i >= text.length) break
        value(at(n))
        skipSpace()
        if (text[i] === ',') i++
      }
      i++
    } else if (c === '"') readString()
    else while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++
  }
  value('')
  return lines
}

/** The line of a path, or of its nearest ancestor that is written (a missing field: its object's line). */
export function lineOfPath(
  lines: ReadonlyMap<string, number>,
  path: readonly PropertyKey[],
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = lines.get(path.slice(0, n).map(String).join('.'))
    if (found !== undefined) return found
  }
  return undefined
}
