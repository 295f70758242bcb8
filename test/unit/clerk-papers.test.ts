// The clerk's papers made from plain rows: a batch's sentence and its warning, the chase list, the
// season's text for the cover letter.
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import type { StatusRow } from '../../src-main/shared/api-types'
import type { Batch, BatchFile } from '../../src-main/db'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { batchWarning, toBatchView } from '../../src-main/services/batch-views'
import { chaseListBytes, seasonSummaryText } from '../../src-main/services/clerk-workbooks'

const units = indexUnits([
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
])

function file(seq: number, over: Partial<BatchFile> = {}): BatchFile {
  return {
    seq,
    fileName: `f${seq}.xlsx`,
    outcome: 'new',
    submissionId: null,
    unit: '08001',
    declaredPeriod: '2025-Y',
    status: 'accepted',
    errors: 0,
    warnings: 0,
    rule: null,
    reason: null,
    ...over,
  }
}

function batch(files: BatchFile[]): Batch {
  return {
    id: 1,
    formId: 'child-work-2025',
    period: '2025-Y',
    startedAt: '2026-12-06T10:00:00Z',
    finishedAt: '2026-12-06T10:00:02Z',
    actor: 'lan',
    total: files.length,
    cancelled: false,
    receivedOn: null,
    setAsideAt: null,
    files,
  }
}

describe('a batch as the clerk reads it', () => {
  it('tells new files from files already received and refused ones', () => {
    const v = toBatchView(
      batch([
        file(0),
        file(1, { status: 'rejected', errors: 2 }),
        file(2, { outcome: 'duplicate' }),
        file(3, { outcome: 'refused', unit: null, declaredPeriod: null, status: null, rule: 'S01' }),
      ]),
      units,
    )
    expect(v.counts).toMatchObject({ new: 2, accepted: 1, rejected: 1, duplicate: 1, refused: 1 })
    expect(v.summary.vi).toBe(
      'Đợt nhận 4 tệp: 2 tệp mới (1 hợp lệ, 1 có lỗi), 1 tệp đã nhận trước đó (không nhận lại), 1 tệp không nhận được',
    )
    expect(v.summary.en).toBe(
      'Batch of 4 files: 2 new files (1 valid, 1 with errors), 1 file already received (not stored again), 1 file refused',
    )
    expect(v.files[0]?.unitName).toBe('Xã Tam Đường')
    expect(batchWarning(v)).toBeNull()
  })

  it('warns when most of a batch is of another period, or has no table of this form', () => {
    const h1 = toBatchView(
      batch([file(0, { declaredPeriod: '2025-H1' }), file(1, { declaredPeriod: '2025-H1' }), file(2)]),
      units,
    )
    expect(h1.mostlyPeriod).toBe('2025-H1')
    expect(batchWarning(h1)?.vi).toBe(
      '2/3 tệp của đợt này là báo cáo 6 tháng đầu năm 2025, không phải Năm 2025',
    )
    const half = toBatchView(batch([file(0, { declaredPeriod: '2025-H1' }), file(1)]), units)
    expect(half.mostlyPeriod).toBeNull()
    const other = toBatchView(
      batch([file(0, { rule: 'S02', status: 'rejected' }), file(1, { rule: 'S02', status: 'rejected' })]),
      units,
    )
    expect(other.mostlyOtherForm).toBe(true)
    expect(batchWarning(other)?.vi).toContain('không có bảng số liệu của biểu mẫu này')
  })
})

function row(unit: string, name: string, over: Partial<StatusRow> = {}): StatusRow {
  return {
    unit,
    name,
    kind: 'xa',
    state: 'accepted',
    rejectedBy: null,
    submissionId: 1,
    fileName: `${unit}.xlsx`,
    files: 1,
    versions: 1,
    received: '2025-11-10',
    receivedSet: false,
    reportDate: '2025-11-10',
    late: false,
    lateDays: 0,
    errors: 0,
    warnings: 0,
    daysToDeadline: null,
    reason: null,
    contactName: 'Nguyễn Thị Hoa',
    contactPhone: '0912 345 678',
    contactFromClerk: false,
    toFix: null,
    ...over,
  }
}

const ROWS = [
  row('08001', 'Xã Tam Đường'),
  row('08002', 'Phường Tân Phong', {
    state: 'rejected',
    rejectedBy: 'rule',
    errors: 1,
    toFix: { vi: 'Bieu 01!G20: Ô chứa chữ', en: 'Bieu 01!G20: text in a cell' },
  }),
  row('08003', 'Xã Bình Lư', {
    state: 'not_received',
    files: 0,
    received: null,
    contactName: null,
    contactPhone: null,
  }),
  row('08004', 'Xã Phong Thổ', {
    state: 'accepted_with_reason',
    received: '2025-11-20',
    late: true,
    lateDays: 5,
  }),
]

describe('the chase list', () => {
  it('lists the missing units only, with their state, what to fix and whom to call', () => {
    const wb = XLSX.read(chaseListBytes(ROWS, '2025-H1'))
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0] as string]!, { header: 1 })
    expect(rows[0]?.[0]).toBe('DANH SÁCH ĐƠN VỊ CẦN ĐÔN ĐỐC – 6 THÁNG ĐẦU NĂM 2025')
    expect(rows.slice(3).map((r) => r.slice(0, 6))).toEqual([
      [
        1,
        '08002',
        'Phường Tân Phong',
        'Có lỗi, cần nộp lại',
        'Bieu 01!G20: Ô chứa chữ',
        'Nguyễn Thị Hoa – 0912 345 678',
      ],
      [2, '08003', 'Xã Bình Lư', 'Chưa nhận được', 'Gửi báo cáo', ''],
    ])
  })
})

describe('the season’s text for the cover letter', () => {
  it('says how many units reported, who was late, who is missing and why', () => {
    const facts = { period: '2025-Y', formName: 'Biểu công tác trẻ em', rows: ROWS, deadline: '2025-11-15' }
    expect(seasonSummaryText(facts, '2025-11-25', 'vi')).toBe(
      [
        'Biểu công tác trẻ em, Năm 2025.',
        'Tính đến ngày 25/11/2025, đã nhận báo cáo hợp lệ của 2/4 đơn vị (trong đó 1 đơn vị được chấp nhận có lý do: Xã Phong Thổ).',
        '1 đơn vị nộp sau hạn 15/11/2025: Xã Phong Thổ.',
        'Còn 2 đơn vị chưa có báo cáo hợp lệ: Phường Tân Phong (có lỗi, cần nộp lại), Xã Bình Lư (chưa nhận được); số liệu tổng hợp là số liệu tạm thời.',
        '',
      ].join('\n'),
    )
    const complete = seasonSummaryText({ ...facts, rows: [ROWS[0] as StatusRow] }, '2025-11-25', 'en')
    expect(complete).toContain('As of 25/11/2025, 1 of 1 units have an accepted report.')
    expect(complete).toContain('Every unit has reported')
  })
})
