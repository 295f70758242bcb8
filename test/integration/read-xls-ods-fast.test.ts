// The fast .xls and .ods readers must yield exactly the SheetJS path's Grid on every file they read
// themselves, read the generated .xls and .ods of the writer mix, and hand everything else (.xls
// formulas, BIFF5, encryption; .ods comments, hyperlinks, array formulas) back to SheetJS cleanly:
// readWorkbook then gives what the SheetJS path gives.
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { detectFormat } from '../../src-main/core/workbook/detect-format'
import {
  DEFAULT_READ_LIMITS,
  parseWithSheetJs,
  readWorkbook,
  WorkbookReadError,
} from '../../src-main/core/workbook/read-workbook'
import type { ReadLimits } from '../../src-main/core/workbook/read-workbook'
import { readOdsFastDetailed } from '../../src-main/core/workbook/read-ods-fast'
import { readXlsFastDetailed } from '../../src-main/core/workbook/read-xls-fast'
import type { FastReadResult } from '../../src-main/core/workbook/read-xlsx-fast'
import { generateProvince } from '../fixtures/generator'
import { rezip, unzip } from '../fixtures/hostile/zip'
import type { Province } from '../fixtures/generator'
import { plainGrid, readOutcome } from '../helpers/grid-outcome'

const FILES = path.resolve(__dirname, '../fixtures/files')
const LIBREOFFICE_DIR = path.join(FILES, 'libreoffice')
const SHEETJS_DIR = path.join(FILES, 'sheetjs-test-files')

type Format = 'xls' | 'ods'
const FAST: Record<Format, (bytes: Uint8Array, limits: ReadLimits) => FastReadResult> = {
  xls: readXlsFastDetailed,
  ods: (bytes, limits) => readOdsFastDetailed(bytes, limits),
}

/** Compares the fast reader with SheetJS on one file; returns whether the fast reader read it. */
function compare(
  name: string,
  bytes: Uint8Array,
  format: Format,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): boolean {
  const sheetJs = readOutcome(() => parseWithSheetJs(bytes, format, limits))
  // whichever path reads it, readWorkbook gives SheetJS's outcome
  expect({ name, ...(readOutcome(() => readWorkbook(bytes, limits)) as object) }, name).toEqual({
    name,
    ...(sheetJs as object),
  })
  const fast = FAST[format](bytes, limits)
  if ('fallback' in fast) return false
  expect({ name, grid: plainGrid(fast.grid) }, name).toEqual({ name, ...(sheetJs as object) })
  return true
}

function filesOf(dir: string, ext: string): { name: string; bytes: Uint8Array }[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith(ext))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(dir, name))) }))
}

let mixed: Province
let odsOnly: Province
beforeAll(async () => {
  odsOnly = await generateProvince({
    seed: 20255,
    communes: 12,
    mistakes: 'typical',
    drifts: 'every',
    writers: 'ods',
  })
  mixed = await generateProvince({
    seed: 20254,
    communes: 150,
    mistakes: 'typical',
    drifts: 'every',
    writers: 'mixed',
  })
})

describe('the fast .xls reader against the SheetJS path', () => {
  it('reads every generated .xls of the writer mix into the same Grid, with no fallback', () => {
    const xls = mixed.files.filter((f) => f.expected.writer === 'xls')
    expect(xls.length).toBeGreaterThan(4)
    const fellBack = xls.filter((f) => !compare(f.name, f.bytes, 'xls')).map((f) => f.name)
    expect(fellBack).toEqual([])
  })

  it('applies the row and column limits as the SheetJS path does', () => {
    const f = mixed.files.find((x) => x.expected.writer === 'xls')!
    expect(compare(f.name, f.bytes, 'xls', { maxRows: 12, maxCols: 4 })).toBe(true)
    expect(compare(f.name, f.bytes, 'xls', { maxRows: 1, maxCols: 1 })).toBe(true)
  })

  it('gives the LibreOffice-saved .xls the Grid SheetJS gives (formulas left to SheetJS)', () => {
    const files = filesOf(LIBREOFFICE_DIR, '.xls')
    expect(files.length).toBeGreaterThan(3)
    for (const f of files) compare(f.name, f.bytes, 'xls')
  })

  it('reads the other projects’ .xls it understands exactly as SheetJS, and hands back the rest', () => {
    const files = filesOf(SHEETJS_DIR, '.xls').filter((f) => {
      const d = detectFormat(f.bytes)
      return d.kind === 'workbook' && d.format === 'xls' && f.bytes[0] === 0xd0
    })
    const read = files.filter((f) => compare(f.name, f.bytes, 'xls')).map((f) => f.name)
    // the files without formulas, notes or encryption are read (merges, booleans, errors, RK numbers among them)
    expect(read.length).toBeGreaterThan(15)
    expect(read).toContain('RkNumber.xls')
    expect(read).toContain('merge_cells.xls')
    const fallback = (name: string): string => {
      const r = readXlsFastDetailed(files.find((f) => f.name === name)!.bytes, DEFAULT_READ_LIMITS)
      return 'fallback' in r ? r.fallback : 'read'
    }
    expect(fallback('formula_stress_test.xls')).toBe('xls: formula')
    expect(fallback('password_2002_40_xor.xls')).toBe('xls: encryption')
    expect(fallback('defined_names_unicode.biff5.xls')).toBe('cfb: book')
  })

  it('hands a damaged container or record stream back to SheetJS instead of guessing', () => {
    const f = mixed.files.find((x) => x.expected.writer === 'xls')!
    const cut = f.bytes.slice(0, f.bytes.length >> 1)
    expect('fallback' in readXlsFastDetailed(cut, DEFAULT_READ_LIMITS)).toBe(true)
    compare('cut', cut, 'xls')
    const looped = f.bytes.slice()
    // the directory's first sector made to point at itself in the FAT
    const view = new DataView(looped.buffer)
    const dir = view.getUint32(0x30, true)
    const fat0 = view.getUint32(0x4c, true)
    view.setUint32(512 * (fat0 + 1) + 4 * dir, dir, true)
    expect(readXlsFastDetailed(looped, DEFAULT_READ_LIMITS)).toEqual({ fallback: 'cfb: broken chain' })
    compare('looped', looped, 'xls')
  })
})

describe('the fast .ods reader against the SheetJS path', () => {
  it('reads every generated .ods of the writer mix into the same Grid, with no fallback', () => {
    const ods = [...mixed.files, ...odsOnly.files].filter((f) => f.expected.writer === 'ods')
    expect(ods.length).toBeGreaterThan(8)
    const fellBack = ods.filter((f) => !compare(f.name, f.bytes, 'ods')).map((f) => f.name)
    expect(fellBack).toEqual([])
  })

  it('applies the row and column limits as the SheetJS path does', () => {
    const f = odsOnly.files.find((x) => x.expected.writer === 'ods')!
    expect(compare(f.name, f.bytes, 'ods', { maxRows: 12, maxCols: 4 })).toBe(true)
    expect(compare(f.name, f.bytes, 'ods', { maxRows: 1, maxCols: 1 })).toBe(true)
  })

  it('reads the LibreOffice-saved .ods (formulas, merges, repeated rows and cells) as SheetJS does', () => {
    const files = filesOf(LIBREOFFICE_DIR, '.ods')
    expect(files.length).toBeGreaterThan(3)
    expect(files.filter((f) => compare(f.name, f.bytes, 'ods')).map((f) => f.name)).toEqual(
      files.map((f) => f.name),
    )
  })

  it('reads the other projects’ .ods it understands exactly as SheetJS, and hands back the rest', () => {
    const files = filesOf(SHEETJS_DIR, '.ods').filter((f) => {
      const d = detectFormat(f.bytes)
      return d.kind === 'workbook' && d.format === 'ods'
    })
    const read = files.filter((f) => compare(f.name, f.bytes, 'ods')).map((f) => f.name)
    expect(read.length).toBeGreaterThan(8)
    expect(read).toContain('merge_cells.ods')
    const fallback = (name: string): string => {
      const r = readOdsFastDetailed(files.find((f) => f.name === name)!.bytes, DEFAULT_READ_LIMITS)
      return 'fallback' in r ? r.fallback : 'read'
    }
    expect(fallback('comments_stress_test.ods')).toBe('ods: annotation')
    expect(fallback('internal_link.ods')).toBe('ods: a')
  })
})

describe('the .ods guard on the fast path', () => {
  it('leaves an .ods declaring entities to the guarded path, which refuses it in the same words', () => {
    const f = odsOnly.files.find((x) => x.expected.writer === 'ods')!
    const parts = unzip(f.bytes)
    const content = new TextDecoder().decode(parts.get('content.xml'))
    const bomb = rezip(parts, {
      'content.xml': content.replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>'),
    })
    expect(readOdsFastDetailed(bomb, DEFAULT_READ_LIMITS)).toEqual({ fallback: 'ods: entities' })
    let refused: unknown
    try {
      readWorkbook(bomb)
    } catch (e) {
      refused = e
    }
    expect(refused).toBeInstanceOf(WorkbookReadError)
    expect((refused as WorkbookReadError).reason).toBe('unsafe')
    expect((refused as WorkbookReadError).text.vi).toMatch(/content\.xml khai báo thực thể XML/)
  })
})
