// The export screen's header and signature texts: the season remembers what the clerk typed for its
// report, the next season starts from them but for the number and the date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportHeaderTexts } from '../../src-main/shared/report-header-input'
import type { SampleApi } from '../helpers/sample-api'
import { openSampleApi } from '../helpers/sample-api'

let opened: SampleApi

beforeAll(async () => {
  opened = await openSampleApi('api-header', '2025-Y')
})
afterAll(() => opened.close())

describe('export.header', () => {
  it('gives defaults, then what the last export of the season was given', async () => {
    const first = await opened.call<ReportHeaderTexts>('export.header', { period: '2025-Y' })
    expect(first).toMatchObject({ issuer: 'SỞ Y TẾ', signerTitle: 'GIÁM ĐỐC', reportNo: '', signer: '' })
    const typed = {
      governingBody: 'UBND TỈNH LAI CHÂU',
      reportNo: '125/BC-SYT',
      date: '2026-01-15',
      signerTitle: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
      signer: 'Nguyễn Văn An',
      recipients: 'Bộ Y tế;Lưu: VT',
    }
    await opened.call('export.report', { period: '2025-Y', header: typed })
    expect(await opened.call<ReportHeaderTexts>('export.header', { period: '2025-Y' })).toMatchObject(typed)
  })

  it('starts another season from the last one, but for its own number and date', async () => {
    const next = await opened.call<ReportHeaderTexts>('export.header', { period: '2026-H1' })
    expect(next).toMatchObject({ governingBody: 'UBND TỈNH LAI CHÂU', signer: 'Nguyễn Văn An', reportNo: '' })
    expect(next.date).not.toBe('2026-01-15')
  })
})
