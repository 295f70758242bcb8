// The reading threads give the fast .xlsx reader Node's native inflater and decoders, and read many
// files in a row, whose shared parts are then read once, from every writer the generator imitates: the
// Grid must still be the SheetJS path's.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Grid } from '../../src-main/core/workbook/grid'
import { detectFormat } from '../../src-main/core/workbook/detect-format'
import { DEFAULT_READ_LIMITS, parseWithSheetJs } from '../../src-main/core/workbook/read-workbook'
import { readXlsxFastDetailed } from '../../src-main/core/workbook/read-xlsx-fast'
import { nativeReadContext } from '../../src-main/services/read-pool/native-inflate'
import { generateProvince } from '../fixtures/generator'
import type { Province } from '../fixtures/generator'

/** A Grid as plain data: holes and undefined fields compare alike. */
function plain(grid: Grid): unknown {
  return JSON.parse(JSON.stringify(grid, (_k, v: unknown) => (v === undefined ? null : v)))
}

let province: Province
beforeAll(async () => {
  province = await generateProvince({
    seed: 20252,
    communes: 60,
    mistakes: 'every-rule',
    drifts: 'every',
    writers: 'mixed',
  })
})

describe('readXlsxFast with the native byte work', () => {
  it('reads every generated workbook, twice over, into the SheetJS path Grid', () => {
    let read = 0
    for (let round = 0; round < 2; round++)
      for (const f of province.files) {
        const d = detectFormat(f.bytes)
        if (d.kind !== 'workbook' || d.format !== 'xlsx') continue
        const fast = readXlsxFastDetailed(f.bytes, 'xlsx', DEFAULT_READ_LIMITS, nativeReadContext({}))
        expect(fast, f.name).toHaveProperty('grid')
        if (!('grid' in fast)) continue
        const ref = plain(parseWithSheetJs(f.bytes, d.format, DEFAULT_READ_LIMITS))
        expect(plain({ ...fast.grid, format: 'xlsx' }), f.name).toEqual(ref)
        read++
      }
    expect(read).toBeGreaterThan(60)
  })
})
