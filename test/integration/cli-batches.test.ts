// The `sheaf` command keeps its batches in the season's history as the window does: with `--db`, each
// run is a batch (what came, what was new, what was stored already, what was refused and why) that
// the window's import screen lists after a restart; `--received` dates the batch, and lateness
// follows that date in the `--json` and the window's status list.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiReply, Channel } from '../../src-main/shared/api-contract'
import type { BatchView, StatusRow } from '../../src-main/shared/api-types'
import { createApi } from '../../src-main/services/api/create-api'
import { seasonArgs, sheaf } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'
import { annualUnitGrid } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'

const pack = loadTestPack()
const UNIT_LINES: Record<string, string> = {
  '08001': 'UBND XÃ TAM ĐƯỜNG',
  '08002': 'UBND PHƯỜNG TÂN PHONG',
  CA: 'CÔNG AN TỈNH',
}
let dir: string

function unitFile(name: string, code: string, total: number): string {
  const p = path.join(dir, 'in', name)
  fs.mkdirSync(path.dirname(p), { recursive: true })
  fs.writeFileSync(
    p,
    gridToBytes(annualUnitGrid(pack, code, { unitLine: UNIT_LINES[code], values: { 'TE.0101': { total } } })),
  )
  // saved by the unit on 10/11/2025
  fs.utimesSync(p, new Date('2025-11-10T03:00:00Z'), new Date('2025-11-10T03:00:00Z'))
  return p
}

/** The window's API on the command's database, as after a restart. */
function windowOn(db: string) {
  const api = createApi({ dbPath: db, dataDir: path.join(dir, 'data'), transport: 'http' })
  const call = async <T>(channel: Channel, request: unknown): Promise<T> => {
    const r = (await api.router.dispatch(channel, request)) as ApiReply<T>
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message.en}`)
    return r.value
  }
  return { api, call }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-cli-batch-'))
  fs.writeFileSync(
    path.join(dir, 'units.csv'),
    'code,name,kind,dept,aliases\n08001,Xã Tam Đường,xa,,\n08002,Phường Tân Phong,phuong,,\nCA,Công an tỉnh,so_nganh,CA,\n',
  )
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const base = () => seasonArgs(path.join(dir, 'units.csv'))

describe('sheaf with --db records its batches', () => {
  it('keeps each run as a batch the window lists, with what was new, stored already and refused', async () => {
    const db = path.join(dir, 'season.sqlite')
    unitFile('08001-tam-duong.xlsx', '08001', 12)
    unitFile('08002-tan-phong.xlsx', '08002', 30)
    // what else the folder holds is named in the batch as refused; Excel's lock file is not
    fs.writeFileSync(path.join(dir, 'in', 'cong-van.pdf'), '%PDF-1.4\n')
    fs.writeFileSync(path.join(dir, 'in', '~$08001-tam-duong.xlsx'), 'lock')
    const out = path.join(dir, 'r.xlsx')
    let r = await sheaf('consolidate', ...base(), '--db', db, '--out', out, '--json', path.join(dir, 'in'))
    expect(r.code).toBe(0)
    // the JSON of cli.md is as it was: the refused PDF is not a submission
    const doc = JSON.parse(r.out)
    expect(doc.submissions.map((s: { file: string }) => path.basename(s.file))).toEqual([
      '08001-tam-duong.xlsx',
      '08002-tan-phong.xlsx',
    ])
    expect(Object.keys(doc)).toEqual([
      'template',
      'period',
      'submissions',
      'missing',
      'units',
      'issues',
      'totals',
      'output',
    ])
    // the same folder again, and one file more by name
    unitFile('ca.xlsx', 'CA', 0)
    r = await sheaf(
      'validate',
      ...base(),
      '--db',
      db,
      '--json',
      path.join(dir, 'in', '08001-tam-duong.xlsx'),
      path.join(dir, 'in', 'ca.xlsx'),
    )
    expect(r.code).toBe(0)

    const w = windowOn(db)
    try {
      const batches = await w.call<BatchView[]>('import.batches', { period: '2025-Y' })
      // newest first
      expect(batches.map((b) => b.summary.vi)).toEqual([
        'Đợt nhận 2 tệp: 1 tệp mới (1 hợp lệ, 0 có lỗi), 1 tệp đã nhận trước đó (không nhận lại)',
        'Đợt nhận 3 tệp: 2 tệp mới (2 hợp lệ, 0 có lỗi), 1 tệp không nhận được',
      ])
      const first = batches[1] as BatchView
      expect(first.files.map((f) => [path.basename(f.fileName), f.outcome, f.unit])).toEqual([
        ['08001-tam-duong.xlsx', 'new', '08001'],
        ['08002-tan-phong.xlsx', 'new', '08002'],
        ['cong-van.pdf', 'refused', null],
      ])
      expect(first.files[2]?.reason?.vi).toContain('Không phải tệp bảng tính')
      expect(first.receivedOn).toBeNull()
      // a batch of the command is set aside from the window like one of its own
      await w.call('batch.setAside', { batchId: batches[0]?.id, aside: true })
      const status = await w.call<StatusRow[]>('status.list', { period: '2025-Y' })
      expect(status.find((s) => s.unit === 'CA')?.state).toBe('not_received')
    } finally {
      w.api.close()
    }
  })

  it('--received dates the batch: lateness in the --json and the window follows it', async () => {
    const db = path.join(dir, 'season.sqlite')
    const f = unitFile('08001.xlsx', '08001', 12)
    // the season and its deadline, set in the window
    const w = windowOn(db)
    try {
      await w.call('period.create', { id: '2025-Y', templateId: 'child-work-2025', deadline: '2025-11-15' })
    } finally {
      w.api.close()
    }
    // the file was saved on 10/11 but reached the office on 20/11
    let r = await sheaf('validate', ...base(), '--db', db, '--json', '--received', '2025-11-20', f)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).units[0]).toEqual(
      expect.objectContaining({ code: '08001', received: '2025-11-20', late: true }),
    )
    const g = unitFile('08002.xlsx', '08002', 3)
    r = await sheaf('validate', ...base(), '--db', db, '--json', g)
    // without --received, the file's own time: on time
    expect(JSON.parse(r.out).units[1]).toEqual(
      expect.objectContaining({ code: '08002', received: '2025-11-10', late: false }),
    )
    const w2 = windowOn(db)
    try {
      const status = await w2.call<StatusRow[]>('status.list', { period: '2025-Y' })
      expect(status.find((s) => s.unit === '08001')).toEqual(
        expect.objectContaining({ received: '2025-11-20', late: true, lateDays: 5 }),
      )
      const batches = await w2.call<BatchView[]>('import.batches', { period: '2025-Y' })
      expect(batches.map((b) => b.receivedOn)).toEqual([null, '2025-11-20'])
    } finally {
      w2.api.close()
    }
  })

  it('refuses a --received that is not a date', async () => {
    const f = unitFile('08001.xlsx', '08001', 12)
    const r = await sheaf('validate', ...base(), '--json', '--received', '20/11/2025', f)
    expect(r.code).toBe(2)
    expect(r.err).toContain('--received')
  })
})
