// Workbooks other spreadsheet programs wrote (SheetJS's public test files, Apache-2.0: see the README
// beside them): every one gets a status from `sheaf validate` without a crash or a hang, and a file
// that cannot be read is told in words, never with the reading library's exception text. Packages with
// their workbook elsewhere than xl/, Excel 2.x–4.0 files, encrypted .xls and .ods are judged right.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import * as XLSX from '@e965/xlsx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectFormat } from '../../src-main/core/workbook/detect-format'
import { readWorkbook, WorkbookReadError } from '../../src-main/core/workbook/read-workbook'
import { UNPACKABLE } from '../../src-main/core/workbook/guard-xml'
import { damagedText, ODS_PASSWORD, PASSWORD } from '../../src-main/core/workbook/unreadable-messages'
import { analyseBytes } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import { loadTestPack } from '../helpers/load-test-pack'
import { rezip, unzip } from '../fixtures/hostile/zip'
import { makeRng } from '../fixtures/generator/rng'
import { UNITS_CSV } from '../fixtures/hostile/valid-workbook'
import { tempDir } from './db-helpers'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/sheaf.js')
const CORPUS = path.resolve(__dirname, '../fixtures/files/sheetjs-test-files')
const LIBREOFFICE = path.resolve(__dirname, '../fixtures/files/libreoffice')
const ENCRYPTED = path.resolve(__dirname, '../fixtures/files/encrypted')
const WORKBOOK = /\.(xlsx|xlsm|xls|ods)$/i
const corpus = fs
  .readdirSync(CORPUS)
  .filter((f) => WORKBOOK.test(f))
  .sort()
const bytesOf = (file: string): Uint8Array => new Uint8Array(fs.readFileSync(file))

/** What the reading library says when it fails: none of it may reach a clerk's message. */
const LIBRARY_WORDS =
  /Cannot read|undefined|Record 0x|Truncated|Bad compressed|Unexpected|Unsupported|is not a function|Error:|\bat \w+ \(/

/** The failure of reading a file, or null when it reads. */
function failure(bytes: Uint8Array): WorkbookReadError | null {
  try {
    readWorkbook(bytes)
    return null
  } catch (e) {
    if (e instanceof WorkbookReadError) return e
    throw e
  }
}

describe('sheaf validate on real-world workbooks', () => {
  let dir: string
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' })
    dir = tempDir('sheaf-real-world-')
    fs.writeFileSync(path.join(dir, 'units.csv'), UNITS_CSV)
    fs.mkdirSync(path.join(dir, 'files'))
    for (const f of corpus) fs.copyFileSync(path.join(CORPUS, f), path.join(dir, 'files', f))
  }, 120_000)
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('gives every file a status, within the time limit, with messages in words', () => {
    const started = Date.now()
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'validate',
        '--template',
        'child-work-2025',
        '--period',
        '2025-Y',
        '--units',
        'units.csv',
        '--json',
        'files',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    )
    expect(r.status, r.stderr).toBe(0)
    expect(Date.now() - started).toBeLessThan(100_000)
    const doc = JSON.parse(r.stdout) as {
      submissions: Array<{ file: string; status: string; issues: Array<{ rule: string; message: string }> }>
    }
    expect(doc.submissions).toHaveLength(corpus.length)
    for (const s of doc.submissions) {
      expect(['accepted', 'rejected'], s.file).toContain(s.status)
      for (const i of s.issues) expect(i.message, `${s.file} ${i.rule}`).not.toMatch(LIBRARY_WORDS)
    }
    // none of these is the child-work form: unreadable ones are S01, the others lack the form's table
    const unreadable = doc.submissions.filter((s) => s.issues.some((i) => i.rule === 'S01'))
    expect(unreadable.length).toBeLessThan(20)
  }, 150_000)
})

describe('real-world workbooks read in process', () => {
  it('reads each readable file and words each failure, never with the library text', () => {
    let read = 0
    for (const f of corpus) {
      const e = failure(bytesOf(path.join(CORPUS, f)))
      if (e === null) {
        read++
        continue
      }
      expect(e.text.vi, f).not.toMatch(LIBRARY_WORDS)
      expect(e.text.en, f).not.toMatch(LIBRARY_WORDS)
      if (e.detail) expect(e.text.vi, f).not.toContain(e.detail)
    }
    expect(read).toBeGreaterThan(110)
  })

  it('finds the workbook through the package relationships when it is not in xl/', () => {
    const bytes = bytesOf(path.join(CORPUS, 'wtf_path.xlsx'))
    expect(detectFormat(bytes)).toEqual({ kind: 'workbook', format: 'xlsx' })
    expect(readWorkbook(bytes).sheets.map((s) => s.name)).toEqual(['SheetJS', 'Hidden'])
    // the same parts named with backslashes, as some Windows tools write them
    const parts = unzip(bytesOf(path.join(LIBREOFFICE, '08001-xa-tam-duong.xlsx')))
    const renamed = new Map([...parts].map(([name, data]) => [name.replace(/\//g, '\\'), data]))
    const backslashed = rezip(renamed, {})
    expect(detectFormat(backslashed)).toEqual({ kind: 'workbook', format: 'xlsx' })
    expect(readWorkbook(backslashed).sheets.length).toBeGreaterThan(1)
  })

  it('does not take a Word document for a workbook through its relationships', () => {
    const parts = new Map<string, Uint8Array>([
      [
        '[Content_Types].xml',
        new TextEncoder().encode(
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/doc/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
      ],
      [
        '_rels/.rels',
        new TextEncoder().encode(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="doc/main.xml"/></Relationships>',
        ),
      ],
      ['doc/main.xml', new TextEncoder().encode('<w:document/>')],
    ])
    expect(detectFormat(rezip(parts, {}))).toEqual({ kind: 'not-spreadsheet', what: 'zip' })
  })

  it('reads Excel 2.x, 3.0 and 4.0 files as workbooks, not as text', () => {
    const wb = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Ma chi tieu', 'Tong so'],
        ['TE.0101', 125],
        ['TE.0102', 12.5],
      ]),
      'Bieu 01',
    )
    // SheetJS writes these three, though its types name only biff2
    for (const bookType of ['biff2', 'biff3', 'biff4']) {
      const bytes = new Uint8Array(
        XLSX.write(wb, { type: 'array', bookType: bookType as XLSX.BookType }) as ArrayBuffer,
      )
      expect(detectFormat(bytes), bookType).toEqual({ kind: 'workbook', format: 'xls' })
      const rows = readWorkbook(bytes).sheets[0]?.rows
      expect(rows?.[1]?.[0]?.value, bookType).toBe('TE.0101')
      expect(rows?.[2]?.[1]?.value, bookType).toBe(12.5)
    }
    // text that happens to start with a tab or a 0x09 byte stays text
    expect(detectFormat(new TextEncoder().encode('\tMa\tTong\nTE.01\t1\n'))).toEqual({
      kind: 'not-spreadsheet',
      what: 'text',
    })
  })

  it("reads an .xls encrypted with Excel's built-in password as Excel does, and refuses one with a password of its own", () => {
    // LibreOffice's RC4 (scripts/make-encrypted-fixtures.sh): the same workbook plain, with Excel's
    // built-in password ("VelvetSweatshop", which Excel opens without asking) and with another one
    const plain = bytesOf(path.join(ENCRYPTED, '08001-xa-tam-duong.plain.xls'))
    const velvet = bytesOf(path.join(ENCRYPTED, '08001-xa-tam-duong.velvet-sweatshop.xls'))
    const own = bytesOf(path.join(ENCRYPTED, '08001-xa-tam-duong.own-password.xls'))
    expect(detectFormat(velvet)).toEqual({ kind: 'workbook', format: 'xls' })
    expect(failure(velvet)).toBeNull()
    const grid = readWorkbook(velvet)
    expect(grid).toEqual(readWorkbook(plain))
    expect(grid.sheets.flatMap((s) => s.rows.flatMap((r) => r ?? [])).length).toBeGreaterThan(300)
    const e = failure(own)
    expect(e?.reason).toBe('encrypted')
    expect(e?.text).toEqual(PASSWORD)
    // Excel's own RC4 CryptoAPI files (40 and 128 bits), their password "password": told as such
    for (const name of ['password_2002_40_972000.xls', 'password_2002_128_strong.xls']) {
      const rc4 = failure(bytesOf(path.join(CORPUS, name)))
      expect(rc4?.reason, name).toBe('encrypted')
      expect(rc4?.text, name).toEqual(PASSWORD)
    }
    // XOR obfuscation with a password of its own (not Excel's built-in one)
    const xor = failure(bytesOf(path.join(CORPUS, 'password_2002_40_xor.xls')))
    expect(xor?.reason).toBe('encrypted')
    expect(xor?.text).toEqual(PASSWORD)
  })

  it('gives the figures of the built-in-password .xls, as of the plain one, through the analysis', () => {
    const pack = loadTestPack()
    const list = parseUnitList(new TextEncoder().encode(UNITS_CSV), 'units.csv')
    if (!list.ok) throw new Error(list.errors.join('\n'))
    const ctx = { pack, units: indexUnits(list.units), period: '2025-Y' as const }
    const analysed = (name: string) =>
      analyseBytes(bytesOf(path.join(ENCRYPTED, name)), { ...ctx, fileName: '08001-xa-tam-duong.xls' })
    const velvet = analysed('08001-xa-tam-duong.velvet-sweatshop.xls')
    expect(velvet.figures.length).toBeGreaterThan(100)
    expect(velvet.problems.filter((p) => p.rule === 'S01')).toEqual([])
    expect(velvet).toEqual(analysed('08001-xa-tam-duong.plain.xls'))
  })

  it('calls a password-protected .ods encrypted, not a damaged zip', () => {
    const parts = unzip(bytesOf(path.join(LIBREOFFICE, '08001-xa-tam-duong.ods')))
    const rng = makeRng('encrypted-ods')
    const noise = (n: number): Uint8Array =>
      Uint8Array.from({ length: n }, () => Math.floor(rng.next() * 256))
    const manifest = new TextDecoder()
      .decode(parts.get('META-INF/manifest.xml'))
      .replace(
        /(<manifest:file-entry manifest:full-path="content.xml"[^>]*?)\/>/,
        '$1><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data></manifest:file-entry>',
      )
    expect(manifest).toContain('encryption-data')
    const encrypted = rezip(parts, {
      'META-INF/manifest.xml': new TextEncoder().encode(manifest),
      'content.xml': noise(parts.get('content.xml')?.length ?? 4096),
    })
    const e = failure(encrypted)
    expect(e?.reason).toBe('encrypted')
    expect(e?.text).toEqual(ODS_PASSWORD)
    // and one LibreOffice saved with a password (scripts/make-encrypted-fixtures.sh)
    const saved = bytesOf(path.join(ENCRYPTED, '08001-xa-tam-duong.own-password.ods'))
    expect(detectFormat(saved)).toEqual({ kind: 'workbook', format: 'ods' })
    expect(failure(saved)?.text).toEqual(ODS_PASSWORD)
  })

  it('words damaged files by their kind, the library text kept apart', () => {
    const file = (name: string): Uint8Array => bytesOf(path.join(CORPUS, name))
    /** 64 bytes overwritten at a share of the file: records that no longer make sense */
    const overwritten = (name: string, at: number): Uint8Array => {
      const b = file(name).slice()
      const from = Math.floor(b.length * at)
      b.fill(0xff, from, from + 64)
      return b
    }
    const rk = file('RkNumber.xls')
    const cases: Array<[string, Uint8Array, 'xls']> = [
      ['an .xls cut in half', rk.slice(0, Math.floor(rk.length / 2)), 'xls'],
      ['an .xls without its last bytes', rk.slice(0, Math.floor(rk.length * 0.95)), 'xls'],
      ['an .xls with a broken filter record', overwritten('AutoFilter.xls', 0.7), 'xls'],
      ['an .xls with a truncated record', overwritten('formula_stress_test.xls', 0.8), 'xls'],
    ]
    for (const [name, bytes, format] of cases) {
      const e = failure(bytes)
      expect(e?.reason, name).toBe('damaged')
      expect(e?.text, name).toEqual(damagedText(format))
      expect(e?.detail, name).toBeTruthy()
      expect(e?.text.vi, name).not.toContain(e?.detail)
    }
    // a zip whose deflated sheet is broken in the middle: the inflater's words are not shown either
    const xlsx = bytesOf(path.join(LIBREOFFICE, '08001-xa-tam-duong.xlsx')).slice()
    const name = 'xl/worksheets/sheet2.xml'
    const at = Buffer.from(xlsx).indexOf(name)
    const view = new DataView(xlsx.buffer)
    // the first byte of the deflated data: a block of the reserved type, which no inflater accepts
    xlsx[at + name.length + view.getUint16(at - 2, true)] = 0xff
    const e = failure(xlsx)
    expect(e?.reason).toBe('damaged')
    expect(e?.text).toEqual(UNPACKABLE)
  })
})
