// The reading context chooses the reader: SHEAF_XLSX_READER=sheetjs reads every file the slow way
// (.xlsx, .xls and .ods alike: a figure doubted in the field), and the Grid is the same either way.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { PORTABLE_READ_CONTEXT } from '../../src-main/core/workbook/read-context'
import { DEFAULT_READ_LIMITS, readWorkbook } from '../../src-main/core/workbook/read-workbook'
import { nativeReadContext, xlsxReaderFromEnv } from '../../src-main/services/read-pool/native-inflate'
import { sheafEnv } from '../../src-main/services/sheaf-env'
import { generateProvince } from '../fixtures/generator'

const fastReads = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../src-main/core/workbook/read-xlsx-fast', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src-main/core/workbook/read-xlsx-fast')>()
  return {
    ...actual,
    readXlsxFast: (...args: Parameters<typeof actual.readXlsxFast>) => {
      fastReads.count++
      return actual.readXlsxFast(...args)
    },
  }
})

vi.mock('../../src-main/core/workbook/read-xls-fast', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src-main/core/workbook/read-xls-fast')>()
  return {
    ...actual,
    readXlsFast: (...args: Parameters<typeof actual.readXlsFast>) => {
      fastReads.count++
      return actual.readXlsFast(...args)
    },
  }
})
vi.mock('../../src-main/core/workbook/read-ods-fast', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src-main/core/workbook/read-ods-fast')>()
  return {
    ...actual,
    readOdsFast: (...args: Parameters<typeof actual.readOdsFast>) => {
      fastReads.count++
      return actual.readOdsFast(...args)
    },
  }
})

let files: Uint8Array[]
beforeAll(async () => {
  const p = await generateProvince({ seed: 31, communes: 6, mistakes: 'none', drifts: 'none' })
  const xls = await generateProvince({
    seed: 32,
    communes: 2,
    mistakes: 'none',
    drifts: 'none',
    writers: 'xls',
  })
  const ods = await generateProvince({
    seed: 33,
    communes: 2,
    mistakes: 'none',
    drifts: 'none',
    writers: 'ods',
  })
  files = [...p.files, ...xls.files, ...ods.files].map((f) => f.bytes)
})

describe('the reader a reading uses', () => {
  it('is SheetJS alone under SHEAF_XLSX_READER=sheetjs, with the same Grid', () => {
    for (const bytes of files) {
      fastReads.count = 0
      const fast = readWorkbook(bytes, DEFAULT_READ_LIMITS, nativeReadContext({}))
      expect(fastReads.count).toBe(1)
      const slow = readWorkbook(
        bytes,
        DEFAULT_READ_LIMITS,
        nativeReadContext({ SHEAF_XLSX_READER: 'sheetjs' }),
      )
      expect(fastReads.count).toBe(1)
      expect(JSON.parse(JSON.stringify(slow))).toEqual(JSON.parse(JSON.stringify(fast)))
    }
    fastReads.count = 0
    readWorkbook(files[0] as Uint8Array, DEFAULT_READ_LIMITS, {
      ...PORTABLE_READ_CONTEXT,
      xlsxReader: 'sheetjs',
    })
    expect(fastReads.count).toBe(0)
  })

  it('is read from the environment, the fast one unless SheetJS is asked for', () => {
    expect(xlsxReaderFromEnv({})).toBe('fast')
    expect(xlsxReaderFromEnv({ SHEAF_XLSX_READER: 'sheetjs' })).toBe('sheetjs')
    expect(xlsxReaderFromEnv({ SHEAF_XLSX_READER: 'fast' })).toBe('fast')
    // a value the settings' schema refuses stops the command before any pool is made
    expect(sheafEnv({ SHEAF_XLSX_READER: 'sheetjs' }).SHEAF_XLSX_READER).toBe('sheetjs')
    expect(() => sheafEnv({ SHEAF_XLSX_READER: 'slow' })).toThrow(
      /SHEAF_XLSX_READER="slow": .*fast or sheetjs/,
    )
  })
})
