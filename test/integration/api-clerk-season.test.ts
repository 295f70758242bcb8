// The clerk's season through the API the screens use: a period made again keeps its deadline; files
// are dated by when they were received (the clerk's date for a batch or a file, else the file's own
// time) and lateness follows; the history of import batches, with a summary that tells new files from
// files already stored, survives a restart; decisions can be taken back; junk files, batches and
// periods are set aside and restored; a batch of another period is told and moved there; an
// unreadable file is assigned to a unit.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  BatchView,
  ConsolidationView,
  ExportResult,
  ImportResult,
  PeriodSummary,
  StatusRow,
  SubmissionVersion,
} from '../../src-main/shared/api-types'
import type { ApiReply } from '../../src-main/shared/api-contract'
import { createApi } from '../../src-main/services/api/create-api'
import { listAudit } from '../../src-main/db'
import { writeSampleSeason } from '../e2e/sample-season'
import type { ImportFinished, SampleApi } from '../helpers/sample-api'
import { openSampleApi } from '../helpers/sample-api'
import { loadTestPack } from '../helpers/load-test-pack'
import * as XLSX from '@e965/xlsx'
import { unzipSync } from 'fflate'
import { generateUnitFigures, makeRng, writeUnitWorkbook } from '../fixtures/generator'

const PERIOD = '2025-Y'
let opened: SampleApi
let call: SampleApi['call']
let tmp: string

async function waitFinished(batchId: string): Promise<ImportFinished> {
  return new Promise<ImportFinished>((resolve) => {
    const off = opened.api.router.subscribe((e) => {
      if (e.type === 'import.finished' && e.batchId === batchId) {
        off()
        resolve(e)
      }
    })
  })
}

async function status(period = PERIOD): Promise<Map<string, StatusRow>> {
  return new Map((await call<StatusRow[]>('status.list', { period })).map((r) => [r.unit, r]))
}

/** Where an export without a place named went: the season's exports folder in the data folder. */
function exportedPath(r: ExportResult): string {
  return path.join(
    path.dirname(opened.season.dir),
    'data',
    'exports',
    'child-work-2025',
    PERIOD,
    r.files[0]?.name ?? '',
  )
}

function touch(file: string, iso: string): void {
  fs.utimesSync(file, new Date(iso), new Date(iso))
}

beforeAll(async () => {
  opened = await openSampleApi('api-clerk', PERIOD)
  call = opened.call
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-clerk-'))
  // the units saved their files on 10 November, the brokenUnit's on the 20th
  for (const f of opened.season.files) touch(f, '2025-11-10T09:00:00Z')
  touch(path.join(opened.season.dir, `${opened.season.brokenUnit}-bao-cao.xlsx`), '2025-11-20T09:00:00Z')
}, 60_000)

afterAll(() => {
  opened?.close()
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
})

describe('the clerk’s season through the API', () => {
  it('keeps a period’s deadline when the period is made again, and says it was there', async () => {
    await call('period.update', { id: PERIOD, deadline: '2025-11-15' })
    const again = await call<PeriodSummary & { created: boolean }>('period.create', {
      id: PERIOD,
      templateId: 'child-work-2025',
    })
    expect(again).toMatchObject({ id: PERIOD, created: false, deadline: '2025-11-15' })
  })

  it('dates each file by its own time, not the import, and judges lateness from it', async () => {
    const done = await opened.importFiles(PERIOD, opened.season.files)
    expect(done.batch?.summary.vi).toBe(
      `Đợt nhận ${opened.season.files.length} tệp: ${opened.season.files.length} tệp mới (4 hợp lệ, 2 có lỗi)`,
    )
    const s = await status()
    expect(s.get('08001')).toMatchObject({
      state: 'accepted',
      received: '2025-11-10',
      late: false,
      lateDays: 0,
    })
    expect(s.get(opened.season.brokenUnit)).toMatchObject({
      state: 'rejected',
      rejectedBy: 'rule',
      received: '2025-11-20',
      late: true,
      lateDays: 5,
    })
    expect(s.get(opened.season.missingUnit)).toMatchObject({ state: 'not_received', received: null })
  })

  it('says a re-import brought nothing new, and keeps the history of batches across a restart', async () => {
    const again = await opened.importFiles(PERIOD, opened.season.files)
    expect(again.batch?.counts).toMatchObject({ new: 0, duplicate: opened.season.files.length, refused: 0 })
    expect(again.batch?.summary.vi).toBe(
      `Đợt nhận ${opened.season.files.length} tệp: ${opened.season.files.length} tệp đã nhận trước đó (không nhận lại)`,
    )
    expect(again.batch?.summary.en).toContain('already received')
    // a second window on the same season, as after closing and opening the application
    const dir = path.dirname(opened.season.dir)
    const second = createApi({
      dbPath: path.join(dir, 'sheaf.sqlite'),
      dataDir: path.join(dir, 'data'),
      transport: 'http',
    })
    try {
      const r = (await second.router.dispatch('import.batches', { period: PERIOD })) as ApiReply<BatchView[]>
      expect(r.ok).toBe(true)
      const batches = r.ok ? r.value : []
      expect(batches.map((b) => [b.counts.new, b.counts.duplicate])).toEqual([
        [0, opened.season.files.length],
        [opened.season.files.length, 0],
      ])
      expect(batches[1]?.files.find((f) => f.fileName === opened.season.unknownFile)).toMatchObject({
        outcome: 'new',
        unit: null,
        status: 'rejected',
        rule: 'S03',
      })
    } finally {
      second.close()
    }
  })

  it('says so when a batch holds no spreadsheet at all', async () => {
    const r = await call<{ batchId: string; total: number }>('import.start', {
      period: PERIOD,
      files: [],
      skipped: ['cong-van.pdf', 'ghi-chu.docx'],
    })
    const done = await waitFinished(r.batchId)
    expect(done.batch?.summary.vi).toBe('Không có tệp bảng tính nào để nhận: 2 tệp không nhận được')
    expect(done.batch?.files.map((f) => [f.fileName, f.outcome, f.reason?.vi])).toEqual([
      ['cong-van.pdf', 'refused', 'Không phải tệp bảng tính (.xlsx, .xls, .ods…): không nhận'],
      ['ghi-chu.docx', 'refused', 'Không phải tệp bảng tính (.xlsx, .xls, .ods…): không nhận'],
    ])
  })

  it('sets the received date of a batch and of one file, and lateness follows', async () => {
    const batches = await call<BatchView[]>('import.batches', { period: PERIOD })
    const first = batches.find((b) => b.counts.new > 0) as BatchView
    const set = await call<BatchView>('batch.setReceived', { batchId: first.id, date: '2025-11-18' })
    expect(set.receivedOn).toBe('2025-11-18')
    let s = await status()
    expect(s.get('08001')).toMatchObject({ received: '2025-11-18', late: true, lateDays: 3 })
    await call('submission.setReceived', {
      submissionIds: [s.get('08001')?.submissionId],
      date: '2025-11-14',
    })
    s = await status()
    expect(s.get('08001')).toMatchObject({ received: '2025-11-14', late: false })
    expect(s.get('08002')).toMatchObject({ received: '2025-11-18', late: true })
    // cleared: the file's own time counts again
    await call('batch.setReceived', { batchId: first.id, date: null })
    expect((await status()).get('08002')).toMatchObject({ received: '2025-11-10', late: false })
  })

  it('shows a validator’s rejection, and takes it back with the audit log keeping both', async () => {
    const id = (await status()).get('08001')?.submissionId as number
    const rejected = await call<SubmissionVersion>('submission.decide', {
      submissionId: id,
      decision: 'reject',
      reason: 'số liệu của năm trước',
    })
    expect(rejected).toMatchObject({ decision: 'reject', reason: 'số liệu của năm trước' })
    expect((await status()).get('08001')).toMatchObject({ state: 'rejected', rejectedBy: 'validator' })
    const view = await call<ConsolidationView>('consolidation.get', { period: PERIOD })
    expect(view.missing.map((m) => m.code)).toContain('08001')

    const back = await call<SubmissionVersion>('decision.revoke', { decisionId: rejected.decisionId })
    expect(back).toMatchObject({ decision: null, decisionId: null })
    expect((await status()).get('08001')).toMatchObject({ state: 'accepted', rejectedBy: null })
    const actions = listAudit(opened.api.db, { entity: 'submission', entityId: id }).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['decision.reject', 'decision.revoke']))
  })

  it('sets a file aside out of every count and the report, and brings it back', async () => {
    const id = (await status()).get('08002')?.submissionId as number
    const before = await call<PeriodSummary[]>('period.list', {})
    await call('submission.setAside', { submissionId: id, aside: true })
    expect((await status()).get('08002')).toMatchObject({ state: 'not_received', files: 0 })
    const view = await call<ConsolidationView>('consolidation.get', { period: PERIOD })
    expect(view.missing.map((m) => m.code)).toContain('08002')
    const after = await call<PeriodSummary[]>('period.list', {})
    expect(after[0]?.acceptedCount).toBe((before[0]?.acceptedCount ?? 0) - 1)
    await call('submission.setAside', { submissionId: id, aside: false })
    expect((await status()).get('08002')).toMatchObject({ state: 'accepted', files: 1 })
    const actions = listAudit(opened.api.db, { entity: 'submission', entityId: id }).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['submission.set_aside', 'submission.restore']))
  })

  it('tells a batch of another period, and moves it there', async () => {
    const h1 = await writeSampleSeason(loadTestPack(), path.join(tmp, 'h1'), '2025-H1')
    const wrong = await opened.importFiles(PERIOD, h1.files.slice(0, 4))
    expect(wrong.batch).toMatchObject({ mostlyPeriod: '2025-H1' })
    expect(wrong.batch?.counts.otherPeriod).toBeGreaterThanOrEqual(3)
    expect((await status()).get('08001')).toMatchObject({ state: 'accepted', files: 2 })

    await call('period.create', { id: '2025-H1', templateId: 'child-work-2025' })
    await call('units.import', { period: '2025-H1', file: opened.picked(h1.unitsCsv) })
    const moved = await call<{ batchId: string; total: number }>('batch.moveTo', {
      batchId: wrong.batch?.id,
      period: '2025-H1',
    })
    expect(moved.total).toBe(4)
    const there = await waitFinished(moved.batchId)
    expect(there.batch?.counts.new).toBe(4)
    expect((await status('2025-H1')).get('08001')).toMatchObject({ state: 'accepted', files: 1 })
    // out of this period's counts
    expect((await status()).get('08001')).toMatchObject({ state: 'accepted', files: 1 })
    const batches = await call<BatchView[]>('import.batches', { period: PERIOD })
    expect(batches.find((b) => b.id === wrong.batch?.id)?.setAside).toBe(true)
  })

  it('assigns an unreadable file to a unit, proposing the unit its name names', async () => {
    const pdf = path.join(tmp, `${opened.season.missingUnit}-bao-cao-nam.xlsx`)
    fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n')
    const nameless = path.join(tmp, 'bao-cao-hong.xlsx')
    fs.writeFileSync(nameless, 'PK\u0003\u0004 not really a zip')
    const done = await opened.importFiles(PERIOD, [pdf, nameless])
    const [named, unnamed] = done.results as ImportResult[]
    // named for its unit: that unit's unreadable file, not "nothing received"
    expect(named).toMatchObject({ unit: opened.season.missingUnit, status: 'rejected' })
    expect((await status()).get(opened.season.missingUnit)).toMatchObject({ state: 'unreadable', files: 1 })
    expect(unnamed).toMatchObject({ unit: null, proposedUnit: null })

    const assigned = await call<{ unit: string; status: string }>('import.assign', {
      submissionId: unnamed?.submissionId,
      unit: '08002',
    })
    expect(assigned).toMatchObject({ unit: '08002', status: 'rejected' })
    // 08002's good file stays its active one: the unreadable file is an older version
    expect((await status()).get('08002')).toMatchObject({ state: 'accepted', files: 2 })
  })

  it('proposes the unit a file’s name names when its content names none', async () => {
    const batches = await call<BatchView[]>('import.batches', { period: PERIOD })
    const file = batches.flatMap((b) => b.files).find((f) => f.fileName === opened.season.unknownFile)
    // "bao-cao-xa-nam-tam": the commune's name before the merger, no unit of the list
    expect(file).toMatchObject({ unit: null, proposedUnit: null })
    // a file whose content contradicts itself, named for its unit by the clerk who saved it
    const pack = loadTestPack()
    const u = { code: '08004', name: 'Xã Phong Thổ', kind: 'xa' as const, dept: null }
    const bytes = await writeUnitWorkbook(pack, u, generateUnitFigures(pack, u, makeRng(7), PERIOD), {
      period: PERIOD,
      reportDate: new Date(Date.UTC(2025, 10, 12)),
      // a code and a name of two different units: the content cannot say whose file it is (S03)
      writtenUnit: { code: '08001', name: 'UBND xã Phong Thổ', header: 'UBND XÃ PHONG THỔ' },
    })
    const named = path.join(tmp, '08004-nam-tam-lan-2.xlsx')
    fs.writeFileSync(named, bytes)
    const done = await opened.importFiles(PERIOD, [named])
    expect(done.results[0]).toMatchObject({ unit: null, proposedUnit: '08004' })
    const again = await call<BatchView[]>('import.batches', { period: PERIOD })
    expect(again[0]?.files[0]).toMatchObject({ fileName: '08004-nam-tam-lan-2.xlsx', proposedUnit: '08004' })
  })

  it('sets a period made by mistake aside, and brings it back when made again', async () => {
    await call('period.create', { id: '2024-Y', templateId: 'child-work-2025', deadline: '2024-12-31' })
    await call('period.setAside', { id: '2024-Y', aside: true })
    expect((await call<PeriodSummary[]>('period.list', {})).map((p) => p.id)).not.toContain('2024-Y')
    const all = await call<PeriodSummary[]>('period.list', { includeSetAside: true })
    expect(all.find((p) => p.id === '2024-Y')).toMatchObject({ setAside: true, deadline: '2024-12-31' })
    const back = await call<PeriodSummary & { created: boolean }>('period.create', {
      id: '2024-Y',
      templateId: 'child-work-2025',
    })
    expect(back).toMatchObject({ created: false, setAside: false, deadline: '2024-12-31' })
  })

  it('names whom to call (the file’s preparer, else the clerk’s word) and what each missing unit must fix', async () => {
    let s = await status()
    expect(s.get('08001')).toMatchObject({
      contactName: 'Nguyễn Thị Hoa',
      contactPhone: '0912 345 678',
      contactFromClerk: false,
      toFix: null,
    })
    const broken = s.get(opened.season.brokenUnit)
    expect(broken?.toFix?.vi).toMatch(/^Bieu 01!G\d+: /)
    expect(broken?.toFix?.vi).toContain('khoảng 40')
    // the reason, then what to do, without a full stop in between
    expect(s.get(opened.season.missingUnit)?.toFix?.vi).toMatch(/[^.]: gửi lại tệp Excel$/)
    await call('units.setContact', { period: PERIOD, code: '08001', name: 'Chị Lan', phone: '0203 3876 111' })
    s = await status()
    expect(s.get('08001')).toMatchObject({
      contactName: 'Chị Lan',
      contactPhone: '0203 3876 111',
      contactFromClerk: true,
    })
  })

  it('writes the chase list, the status and the problems as workbooks', async () => {
    const read = (file: string) => {
      const wb = XLSX.read(fs.readFileSync(file))
      return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0] as string]!, { header: 1 })
    }
    // the broken unit's file reached the office five days after the deadline
    const brokenFile = (await status()).get(opened.season.brokenUnit)?.submissionId
    await call('submission.setReceived', { submissionIds: [brokenFile], date: '2025-11-20' })
    const chase = await call<ExportResult>('status.exportMissing', { period: PERIOD })
    const rows = read(exportedPath(chase))
    expect(rows[2]?.slice(7, 9)).toEqual(['Ngày nhận', 'Nộp muộn (ngày)'])
    expect(
      rows
        .slice(3)
        .find((r) => r[1] === opened.season.brokenUnit)
        ?.slice(7, 9),
    ).toEqual(['20/11/2025', 5])
    expect(rows[0]?.[0]).toBe('DANH SÁCH ĐƠN VỊ CẦN ĐÔN ĐỐC – NĂM 2025')
    const byUnit = new Map(rows.slice(3).map((r) => [r[1], r]))
    expect(byUnit.get(opened.season.brokenUnit)?.slice(3, 6)).toEqual([
      'Có lỗi, cần nộp lại',
      expect.stringContaining('khoảng 40'),
      'Nguyễn Thị Hoa – 0912 345 678',
    ])
    expect(byUnit.get(opened.season.missingUnit)?.[3]).toBe('Tệp không đọc được')
    expect(byUnit.has('08001')).toBe(false)

    const table = read(exportedPath(await call<ExportResult>('status.export', { period: PERIOD })))
    expect(table.slice(3).map((r) => r[0])).toEqual([
      '08001',
      '08002',
      '08003',
      '08004',
      '08005',
      'CA',
      'SYT',
    ])
    expect(table[3]?.slice(2, 4)).toEqual(['Đã chấp nhận', '10/11/2025'])

    const problems = read(exportedPath(await call<ExportResult>('problems.export', { period: PERIOD })))
    const v01 = problems.slice(3).find((r) => r[0] === opened.season.brokenUnit)
    expect(v01?.[4]).toBe('Lỗi')
    expect(v01?.[7]).toBe('Số trẻ em dưới 1 tuổi')
    expect(v01?.[9]).toEqual(expect.stringContaining('khoảng 40'))
  })

  it('says in the report’s check sheet which units came after the deadline, and when', async () => {
    const s = await status()
    await call('submission.setReceived', {
      submissionIds: [s.get('08002')?.submissionId],
      date: '2025-11-19',
    })
    const r = await call<ExportResult>('export.report', { period: PERIOD })
    const wb = XLSX.read(fs.readFileSync(exportedPath(r)))
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Kiem tra']!, { header: 1 })
    // an accepted unit whose file came late
    expect(rows.find((x) => x[0] === 'Nộp sau hạn')?.slice(0, 3)).toEqual([
      'Nộp sau hạn',
      '08002',
      'Phường Tân Phong',
    ])
    expect(rows.find((x) => x[0] === 'Nộp sau hạn')?.[8]).toBe(
      'Tệp nhận ngày 19/11/2025, sau hạn nộp 15/11/2025 4 ngày.',
    )
    // a missing unit's reason, and when its file came
    expect(rows.find((x) => x[1] === opened.season.brokenUnit)?.[8]).toMatch(
      /Tệp nhận ngày 20\/11\/2025, sau hạn nộp 15\/11\/2025 5 ngày\.$/,
    )
    // on time again: no longer listed
    await call('submission.setReceived', { submissionIds: [s.get('08002')?.submissionId], date: null })
    const again = XLSX.read(
      fs.readFileSync(exportedPath(await call<ExportResult>('export.report', { period: PERIOD }))),
    )
    const rows2 = XLSX.utils.sheet_to_json<unknown[]>(again.Sheets['Kiem tra']!, { header: 1 })
    expect(rows2.some((x) => x[0] === 'Nộp sau hạn')).toBe(false)
  })

  it('writes a short text of the season for the cover letter', async () => {
    const { text } = await call<{ text: string }>('season.summary', { period: PERIOD, lang: 'vi' })
    const lines = text.trim().split('\n')
    expect(lines[0]).toBe('Biểu số liệu kết quả thực hiện công tác trẻ em năm 2025, Năm 2025.')
    expect(lines[1]).toMatch(/^Tính đến ngày \d{2}\/\d{2}\/\d{4}, đã nhận báo cáo hợp lệ của 4\/7 đơn vị\.$/)
    expect(text).toContain(
      'Còn 3 đơn vị chưa có báo cáo hợp lệ: Xã Bình Lư (có lỗi, cần nộp lại), Xã Phong Thổ (chưa nhận được), Xã Sìn Hồ (tệp không đọc được)',
    )
    const en = await call<{ text: string }>('season.summary', { period: PERIOD, lang: 'en' })
    expect(en.text).toContain('4 of 7 units have an accepted report')
  })

  it('puts every export of the season in one .zip', async () => {
    const r = await call<ExportResult>('export.all', { period: PERIOD })
    const names = Object.keys(unzipSync(new Uint8Array(fs.readFileSync(exportedPath(r))))).sort()
    expect(names).toEqual(
      expect.arrayContaining([
        'bao-cao-tong-hop-2025-Y.xlsx',
        'don-vi-chua-nop-2025-Y.xlsx',
        'loi-va-canh-bao-2025-Y.xlsx',
        'tinh-hinh-nop-2025-Y.xlsx',
        'tom-tat-2025-Y.txt',
      ]),
    )
    // each unit's feedback in its folder; the note for a file of no known unit apart, to answer its sender
    expect(
      names.some(
        (n) => n.startsWith('phan-hoi/') && n.endsWith('.loi.xlsx') && n.includes(opened.season.brokenUnit),
      ),
    ).toBe(true)
    const unknown = path.parse(path.basename(opened.season.unknownFile)).name
    // this one, and the file whose content names two units
    expect(names.filter((n) => n.startsWith('phan-hoi/khong-ro-don-vi/'))).toEqual([
      'phan-hoi/khong-ro-don-vi/08004-nam-tam-lan-2.loi.xlsx',
      `phan-hoi/khong-ro-don-vi/${unknown}.loi.xlsx`,
    ])
  })

  it('takes dropped files by their paths only in the desktop window, never over HTTP', async () => {
    const r = await opened.api.router.dispatch('dialog.holdDropped', { paths: [opened.season.files[0]] })
    expect(r.ok ? 'ok' : r.error.code).toBe('unsupported')
  })
})
