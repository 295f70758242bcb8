// The fast .xlsx reader must yield exactly the SheetJS path's Grid (so the same figures and problems)
// on every file it accepts, accept the ordinary files, and hand anything odd back to SheetJS.
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { detectFormat } from '../../src-main/core/workbook/detect-format'
import {
  DEFAULT_READ_LIMITS,
  parseWithSheetJs,
  readWorkbook,
} from '../../src-main/core/workbook/read-workbook'
import type { ReadLimits } from '../../src-main/core/workbook/read-workbook'
import { readXlsxFastDetailed } from '../../src-main/core/workbook/read-xlsx-fast'
import { analyseBytes } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import { generateProvince } from '../fixtures/generator'
import type { Province } from '../fixtures/generator'
import { WRITER_MIX } from '../fixtures/generator/province'
import { makeRng } from '../fixtures/generator/rng'
import { extensionOf } from '../fixtures/generator/workbook-model'
import { rezip, unzip } from '../fixtures/hostile/zip'
import { loadTestPack } from '../helpers/load-test-pack'
import { plainGrid, readOutcome, type ReadOutcome } from '../helpers/grid-outcome'

const LIBREOFFICE_DIR = path.resolve(__dirname, '../fixtures/files/libreoffice')
const OPENPYXL_FILE = path.resolve(__dirname, '../fixtures/files/openpyxl/form-like.xlsx')
/** SheetJS's public test files (Apache-2.0, README beside them): workbooks of many other writers */
const CORPUS_DIR = path.resolve(__dirname, '../fixtures/files/sheetjs-test-files')

function sheetJsOutcome(bytes: Uint8Array, limits: ReadLimits): ReadOutcome {
  const d = detectFormat(bytes)
  if (d.kind !== 'workbook') return { error: d.kind }
  return readOutcome(() => parseWithSheetJs(bytes, d.format, limits))
}

/** Compares the two paths on one file; returns whether the fast path accepted it. */
function compare(
  name: string,
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  format: 'xlsx' | 'xlsm' = 'xlsx',
): boolean {
  const fast = readXlsxFastDetailed(bytes, format, limits)
  if ('fallback' in fast) return false
  const ref = sheetJsOutcome(bytes, limits)
  expect({ name, ...ref }, name).toEqual({ name, grid: plainGrid({ ...fast.grid, format }) })
  return true
}

const enc = new TextEncoder()
const dec = new TextDecoder()

let province: Province
beforeAll(async () => {
  province = await generateProvince({ seed: 20251, communes: 40, mistakes: 'every-rule', drifts: 'every' })
})

describe('readXlsxFast against the SheetJS path', () => {
  it('reads every generated workbook (each drift and mistake) into the same Grid, with no fallback', () => {
    let xlsx = 0
    const fellBack: string[] = []
    for (const f of province.files) {
      const d = detectFormat(f.bytes)
      if (d.kind !== 'workbook' || d.format !== 'xlsx') continue
      xlsx++
      if (!compare(f.name, f.bytes)) fellBack.push(f.name)
    }
    expect(xlsx).toBeGreaterThan(40)
    expect(fellBack).toEqual([])
  })

  it('reads the files of every generated writer into the same Grid, with no fallback', async () => {
    const mixed = await generateProvince({
      seed: 20253,
      communes: 150,
      mistakes: 'typical',
      drifts: 'every',
      writers: 'mixed',
    })
    const read = new Map<string, number>()
    const fellBack: string[] = []
    for (const f of mixed.files) {
      const d = detectFormat(f.bytes)
      if (d.kind !== 'workbook' || d.format !== 'xlsx') continue
      if (compare(f.name, f.bytes)) read.set(f.expected.writer, (read.get(f.expected.writer) ?? 0) + 1)
      else fellBack.push(`${f.name} (${f.expected.writer})`)
    }
    expect(fellBack).toEqual([])
    for (const [writer, share] of WRITER_MIX)
      if (extensionOf(writer) === 'xlsx' && share >= 0.04) expect(read.get(writer), writer).toBeGreaterThan(2)
  })

  it("reads the files of the national set's writer (rows written out to the last column) into the same Grid", async () => {
    const national = await generateProvince({
      seed: 20254,
      communes: 40,
      mistakes: 'every-rule',
      drifts: 'every',
      writers: 'inline-full-rows',
    })
    const fellBack: string[] = []
    let read = 0
    for (const f of national.files) {
      const d = detectFormat(f.bytes)
      if (d.kind !== 'workbook' || d.format !== 'xlsx') continue
      if (compare(f.name, f.bytes)) read++
      else fellBack.push(f.name)
    }
    expect(fellBack).toEqual([])
    expect(read).toBeGreaterThan(40)
  })

  it('gives the same figures and problems through analyseBytes as the SheetJS reader', () => {
    const pack = loadTestPack()
    const list = parseUnitList(new TextEncoder().encode(province.unitsCsv), 'units.csv')
    if (!list.ok) throw new Error(list.errors.join('\n'))
    const units = indexUnits(list.units)
    for (const f of province.files.slice(0, 25)) {
      const d = detectFormat(f.bytes)
      if (d.kind !== 'workbook' || d.format !== 'xlsx') continue
      const ctx = { pack, units, period: province.period, fileName: f.name }
      const viaFast = analyseBytes(f.bytes, ctx)
      // the same analysis with the reader forced onto SheetJS: a stored copy SheetJS reads, the fast path refuses
      const sheetJsGrid = parseWithSheetJs(f.bytes, 'xlsx', DEFAULT_READ_LIMITS)
      expect(plainGrid(readWorkbook(f.bytes)), f.name).toEqual(plainGrid(sheetJsGrid))
      expect(viaFast.figures.length + viaFast.problems.length, f.name).toBeGreaterThan(0)
    }
  })

  it('reads the LibreOffice-saved workbooks into the same Grid', () => {
    const files = fs.readdirSync(LIBREOFFICE_DIR).filter((n) => n.endsWith('.xlsx'))
    expect(files.length).toBeGreaterThan(0)
    const accepted = files.filter((n) =>
      compare(n, new Uint8Array(fs.readFileSync(path.join(LIBREOFFICE_DIR, n)))),
    )
    expect(accepted).toEqual(files)
  })

  it('reads a workbook written by openpyxl (Python) on the fast path, as SheetJS does', () => {
    expect(compare('form-like.xlsx', new Uint8Array(fs.readFileSync(OPENPYXL_FILE)))).toBe(true)
  })

  it('reads the real-world .xlsx and .xlsm files it accepts into the same Grid, cell by cell', () => {
    let files = 0
    let accepted = 0
    let cells = 0
    for (const n of fs.readdirSync(CORPUS_DIR).sort()) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS_DIR, n)))
      const d = detectFormat(bytes)
      if (d.kind !== 'workbook' || (d.format !== 'xlsx' && d.format !== 'xlsm')) continue
      files++
      if (!compare(n, bytes, DEFAULT_READ_LIMITS, d.format)) continue
      accepted++
      for (const sheet of readWorkbook(bytes).sheets) for (const row of sheet.rows) cells += row?.length ?? 0
    }
    // most of them go the fast way; the others (entities, odd parts) are SheetJS's, compared nowhere
    expect(files).toBeGreaterThan(40)
    expect(accepted).toBeGreaterThan(files * 0.6)
    expect(cells).toBeGreaterThan(1000)
  })

  it('applies the row and column limits as the SheetJS path does', () => {
    const f = province.files.find((x) => detectFormat(x.bytes).kind === 'workbook') as {
      name: string
      bytes: Uint8Array
    }
    expect(compare(f.name, f.bytes, { maxRows: 12, maxCols: 4 })).toBe(true)
    expect(compare(f.name, f.bytes, { maxRows: 1, maxCols: 1 })).toBe(true)
  })
})

/** Edits to a sheet's XML that real producers make, each either read identically or handed back. */
const EDITS: ReadonlyArray<readonly [string, (xml: string) => string]> = [
  [
    'entities in inline text',
    (x) =>
      x.replace(
        /<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/,
        '<c r="A1" t="inlineStr"><is><t>A &amp; B &lt;x&gt; &#7899; _x000D_</t></is></c>',
      ),
  ],
  [
    'str cell with entity and CRLF',
    (x) =>
      x.replace(
        /<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/,
        '<c r="A1" t="str"><f>B1&amp;"x"</f><v>a&amp;amp;b&#13;\r\nc</v></c>',
      ),
  ],
  [
    'boolean and error cells',
    (x) =>
      x.replace(
        /<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/,
        '<c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#DIV/0!</v></c>',
      ),
  ],
  [
    'formula without cached value',
    (x) =>
      x.replace(
        /<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/,
        '<c r="A1"><f>SUM(B2:B9)</f></c><c r="B1" t="n"><f>1+1</f></c>',
      ),
  ],
  [
    'shared formulas',
    (x) =>
      x.replace(
        /<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/,
        '<c r="A1"><f t="shared" ref="A1:B1" si="0">_xlfn.CONCAT(C1,$D$2)+E7</f><v>3</v></c><c r="B1"><f t="shared" si="0"/><v>4</v></c>',
      ),
  ],
  [
    'array formula',
    (x) =>
      x.replace(
        /<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/,
        '<c r="A1"><f t="array" ref="A1:A2">SUM(B1:B2*C1:C2)</f><v>3</v></c>',
      ),
  ],
  ['a row without its number', (x) => x.replace(/<row r="2"/, '<row')],
  [
    'an unknown cell type',
    (x) =>
      x.replace(
        /<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/,
        '<c r="A1" t="d"><v>2025-01-01T00:00:00Z</v></c>',
      ),
  ],
  [
    'a hyperlink',
    (x) =>
      x.replace('</sheetData>', '</sheetData><hyperlinks><hyperlink ref="Z9" location="A1"/></hyperlinks>'),
  ],
  [
    'CDATA',
    (x) =>
      x.replace(/<c r="A1"[^>]*>.*?<\/c>|<c r="A1"[^>]*\/>/, '<c r="A1" t="str"><v><![CDATA[x<y]]></v></c>'),
  ],
  [
    'empty self-closing rows and cells',
    (x) =>
      x
        .replace(/<row r="2"/, '<row r="2" spans="1:3"/><row r="2"')
        .replace(/(<c r="A3")/, '<c r="Z3" s="1"/>$1'),
  ],
  ['a style index out of range', (x) => x.replace(/<c r="A1"/, '<c r="A1" s="999"')],
  // rows and cells without references, as some writers leave them (and `header="…"` after sheetData)
  ['rows and cells without references', (x) => x.replace(/ r="[A-Z]*\d+"/g, '')],
  [
    'cells without references, one of them with an `r=` further on in its tag',
    (x) => {
      let n = 0
      return x.replace(/ r="[A-Z]*\d+"/g, '').replace(/<c /g, (m) => (++n === 12 ? '<c xr="D40" ' : m))
    },
  ],
]

describe('readXlsxFast on edited and damaged sheets', () => {
  function sample(): Map<string, Uint8Array> {
    const f = province.files.find((x) => x.expected.writer === 'exceljs' && x.expected.sheet !== null)
    return unzip((f as { bytes: Uint8Array }).bytes)
  }

  it.each(EDITS.map(([name, edit]) => ({ name, edit })))(
    '$name: same Grid or a fallback',
    ({ name, edit }) => {
      const parts = sample()
      let edits = 0
      for (const [p, data] of parts) {
        if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(p)) continue
        const edited = edit(dec.decode(data))
        if (edited !== dec.decode(data)) edits++
        compare(`${name} (${p})`, rezip(parts, { [p]: enc.encode(edited) }))
      }
      // the edit took on some sheet: a sheet the fast path hands to SheetJS asserts nothing else
      expect(edits, name).toBeGreaterThan(0)
    },
  )

  it('random byte changes inside the sheet XML never give a different Grid', () => {
    const parts = sample()
    const sheetPaths = [...parts.keys()].filter((p) =>
      /^xl\/(worksheets\/sheet\d+|sharedStrings|styles|workbook)\.xml$/.test(p),
    )
    const rng = makeRng('mutations')
    const alphabet = '<>/"\'=&;#x_ 0123456789.-ErtsvfcA\r\n'
    let accepted = 0
    for (let k = 0; k < 400; k++) {
      const p = sheetPaths[Math.floor(rng.next() * sheetPaths.length)] as string
      const data = new Uint8Array(parts.get(p) as Uint8Array)
      for (let m = 0; m < 1 + Math.floor(rng.next() * 3); m++) {
        const i = Math.floor(rng.next() * data.length)
        data[i] = alphabet.charCodeAt(Math.floor(rng.next() * alphabet.length))
      }
      if (compare(`mutation ${k} of ${p}`, rezip(parts, { [p]: data }))) accepted++
    }
    // most single-byte changes land in text or numbers, which the fast path still reads
    expect(accepted).toBeGreaterThan(15)
  })
})
