import { parentPort } from 'node:worker_threads'
import * as XLSX from '@e965/xlsx'
parentPort!.on('message', (b: Uint8Array) => {
  const out: Record<string, number> = {}
  const base = { type: 'array', dense: true, cellFormula: true, cellNF: true, sheetRows: 5000 } as const
  for (const [k, extra] of Object.entries({ base: {}, dates: { cellDates: false }, html: { cellHTML: false }, styles: { cellStyles: false }, wtf: { WTF: false } })) {
    const t = Date.now(); XLSX.read(b, { ...base, ...extra }); out[k] = Date.now() - t
    if (out[k]! > 10000) break
  }
  parentPort!.postMessage(out)
})
