// A small RFC 4180 reader for the CSV files Sheaf takes in (template packs, unit lists), which may
// come from Excel in a Vietnamese locale: `;` separators, a byte-order mark, CRLF line ends.

export type CsvTable = Readonly<{ delimiter: string; rows: string[][] }>

/** Guess the delimiter from the first line outside quotes: the most frequent of `,` `;` tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ])
  let inQuotes = false
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  let best = ','
  let bestCount = 0
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d
      bestCount = n
    }
  }
  return best
}

export function parseCsv(input: string, delimiter?: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const d = delimiter ?? detectDelimiter(text)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let inQuotes = false
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        inQuotes = false
      } else field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') inQuotes = true
    else if (ch === d) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      if (ch === '\r' && text[i + 1] === '\n') i++
    } else field += ch
    i++
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return { delimiter: d, rows: rows.filter((r) => r.some((f) => f.trim() !== '')) }
}

/** Rows as records keyed by the (trimmed) header row. */
export function csvRecords(table: CsvTable): { header: string[]; records: Record<string, string>[] } {
  const [head, ...body] = table.rows
  const header = (head ?? []).map((h) => h.trim())
  const records = body.map((r) => {
    const rec: Record<string, string> = {}
    header.forEach((h, i) => {
      rec[h] = (r[i] ?? '').trim()
    })
    return rec
  })
  return { header, records }
}
