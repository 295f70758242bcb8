// The uncompressed bytes of a .xlsx's worksheets and shared strings (an .ods's content.xml counted as
// its worksheets), read from its central directory
// with Sheaf's own zip reader (src-main/core/zip, bundled on first use): the size the benches give the
// fast reader's time per MB against.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const require = createRequire(import.meta.url)
let reader = null

function zipReader() {
  if (reader) return reader
  const out = path.join(ROOT, 'bench-out')
  fs.mkdirSync(out, { recursive: true })
  const bundle = path.join(out, 'central-directory.cjs')
  require('esbuild').buildSync({
    entryPoints: [path.join(ROOT, 'src-main/core/zip/central-directory.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'error',
  })
  return (reader = require(bundle))
}

export function sheetXmlBytes(b) {
  const { centralEnd, entryKey, walkCentralDirectory } = zipReader()
  let sheets = 0
  let strings = 0
  const end = centralEnd(b)
  if (end === null) return { sheets, strings }
  const decoder = new TextDecoder()
  walkCentralDirectory(b, end, (r) => {
    const name = entryKey(decoder.decode(b.subarray(r.nameStart, r.nameStart + r.nameLength)))
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) sheets += r.usize
    else if (name === 'xl/sharedstrings.xml') strings += r.usize
    else if (name === 'content.xml') sheets += r.usize
  })
  return { sheets, strings }
}
