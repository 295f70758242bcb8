// The report's header texts belong to a season, a form and a period: two forms reported for the same
// period keep their own texts, and texts stored per period before 0060 move to the period's form.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SheafDb } from '../../src-main/db/index'
import { getSettings, MIGRATIONS, openDatabase, savePeriod } from '../../src-main/db/index'
import { reportHeaderTexts, settleReportHeader } from '../../src-main/services/report-header'
import { REPORT_DEFAULTS } from '../../src-main/core/template/pack-schema'
import type { PeriodId } from '../../src-main/shared/period'
import { tempDir } from './db-helpers'

const Y = '2025-Y' as PeriodId
const CHILD = { form: 'child-work-2025', period: Y }
const IMMUNE = { form: 'immunization-2025', period: Y }
const TODAY = new Date('2026-01-20T00:00:00Z')

let db: SheafDb | undefined
afterEach(() => db?.close())

/** a database holding the seasons of both forms for the period Y */
function twoFormsOfOnePeriod(): SheafDb {
  const d = openDatabase(':memory:')
  savePeriod(d, { id: Y, templateId: CHILD.form })
  savePeriod(d, { id: Y, templateId: IMMUNE.form })
  return d
}

describe('report header texts per season', () => {
  it('keeps two forms of one period apart', () => {
    db = twoFormsOfOnePeriod()
    settleReportHeader(
      db,
      CHILD,
      REPORT_DEFAULTS,
      { reportNo: '125/BC-SYT', date: '2026-01-15', signer: 'Nguyễn Văn An', preparer: 'Lò Thị Hoa' },
      { remember: true, today: TODAY },
    )
    settleReportHeader(
      db,
      IMMUNE,
      REPORT_DEFAULTS,
      { reportNo: '7/BC-SYT', date: '2026-01-18', preparer: 'Vàng A Sùng' },
      { remember: true, today: TODAY },
    )
    expect(reportHeaderTexts(db, CHILD, REPORT_DEFAULTS, {}, TODAY)).toMatchObject({
      reportNo: '125/BC-SYT',
      date: '2026-01-15',
      preparer: 'Lò Thị Hoa',
      signer: 'Nguyễn Văn An',
    })
    expect(reportHeaderTexts(db, IMMUNE, REPORT_DEFAULTS, {}, TODAY)).toMatchObject({
      reportNo: '7/BC-SYT',
      date: '2026-01-18',
      preparer: 'Vàng A Sùng',
    })
  })

  it("gives a form's season no number or date of another form's report of the same period", () => {
    db = twoFormsOfOnePeriod()
    settleReportHeader(
      db,
      CHILD,
      REPORT_DEFAULTS,
      { reportNo: '125/BC-SYT', date: '2026-01-15' },
      { remember: true },
    )
    const other = reportHeaderTexts(db, IMMUNE, REPORT_DEFAULTS, {}, TODAY)
    expect(other.reportNo).toBe('')
    expect(other.date).not.toBe('2026-01-15')
  })

  it('moves the texts stored per period before 0060 to the form of the period', () => {
    const file = path.join(tempDir('header-0060'), 'sheaf.db')
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.id < 60) })
    savePeriod(old, { id: Y, templateId: CHILD.form })
    old.conn
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, '2026-01-01T00:00:00Z')`)
      .run('report.2025-Y.reportNo', '99/BC-SYT')
    old.close()
    db = openDatabase(file)
    const saved = getSettings(db)
    expect(saved['report.child-work-2025.2025-Y.reportNo']).toBe('99/BC-SYT')
    expect(saved['report.2025-Y.reportNo']).toBeUndefined()
    expect(reportHeaderTexts(db, CHILD, REPORT_DEFAULTS, {}, TODAY).reportNo).toBe('99/BC-SYT')
    expect(reportHeaderTexts(db, IMMUNE, REPORT_DEFAULTS, {}, TODAY).reportNo).toBe('')
  })

  it("starts a season from its form's own words: issuer and signer's title from the pack", () => {
    db = openDatabase(':memory:')
    const report = {
      issuer: 'TRUNG TÂM KIỂM SOÁT BỆNH TẬT',
      numberSuffix: 'BC-KSBT',
      signerTitle: 'GIÁM ĐỐC TRUNG TÂM',
    }
    expect(reportHeaderTexts(db, IMMUNE, report, {}, TODAY)).toMatchObject({
      issuer: 'TRUNG TÂM KIỂM SOÁT BỆNH TẬT',
      signerTitle: 'GIÁM ĐỐC TRUNG TÂM',
    })
    const header = settleReportHeader(
      db,
      IMMUNE,
      report,
      { signer: 'Lò Văn Minh' },
      { remember: true, today: TODAY },
    )
    expect(header).toMatchObject({
      issuer: 'TRUNG TÂM KIỂM SOÁT BỆNH TẬT',
      signerTitle: ['GIÁM ĐỐC TRUNG TÂM'],
    })
  })
})
