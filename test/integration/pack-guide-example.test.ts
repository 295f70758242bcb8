// The worked example of docs/template-packs.md, done as the guide says: the pack it describes checks
// clean and gives a blank form that Sheaf reads back as the form's own.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { PeriodId } from '../../src-main/shared/period'
import type { Localized } from '../../src-main/shared/localized'
import { addressOf, formSheet, grid, infoSheet } from '../helpers/form-grid'
import { sheaf } from '../helpers/run-sheaf'
import { loadTestPack } from '../helpers/load-test-pack'

const ROOT = path.resolve(__dirname, '../..')
const GUIDE = fs.readFileSync(path.join(ROOT, 'docs/template-packs.md'), 'utf8')

/** The guide's example `indicators.csv`, taken from the guide itself so that the two never drift. */
function guideIndicators(): string {
  const m = /```csv\n( *code,stt,label[^`]*SL\.S1[^`]*?) *```/.exec(GUIDE)
  if (!m?.[1]) throw new Error('the worked example is gone from docs/template-packs.md')
  return m[1].replace(/^ {3}/gm, '')
}

/** A JSON file of a pack folder, changed in place. */
function editJson(dir: string, file: string, edit: (json: ReturnType<typeof JSON.parse>) => void): void {
  const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
  edit(json)
  fs.writeFileSync(path.join(dir, file), JSON.stringify(json))
}

/** The guide's first step: a shipped pack copied to a folder of the new form's id, under its id, version and name. */
function copyPack(shipped: string, manifest: { id: string; version: string; name: Localized }): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-guide-')), manifest.id)
  fs.cpSync(path.join(ROOT, 'templates', shipped), dir, { recursive: true })
  editJson(dir, 'manifest.json', (m) => Object.assign(m, manifest))
  return dir
}

describe('the worked example of docs/template-packs.md', () => {
  it('makes a pack that checks clean and writes its blank form', async () => {
    const dir = copyPack('child-work-2025', {
      id: 'sang-loc-2025',
      version: 'SL-2025.1',
      name: { vi: 'Báo cáo sàng lọc suy dinh dưỡng năm 2025', en: 'Malnutrition screening 2025' },
    })
    editJson(dir, 'layout.json', (layout) => {
      layout.columns = layout.columns.filter(
        (c: { key: string }) => !['age_0_6', 'age_6_11', 'age_11_16', 'ethnic'].includes(c.key),
      )
      layout.header.title = 'BÁO CÁO SÀNG LỌC SUY DINH DƯỠNG {period} {year}'
      layout.owners = {}
    })
    fs.writeFileSync(path.join(dir, 'indicators.csv'), guideIndicators())
    fs.writeFileSync(path.join(dir, 'rules.csv'), 'id,severity,left,op,right,message_vi,message_en\n')

    const check = await sheaf('pack', 'check', dir)
    expect(check.err).toBe('')
    expect(check.out).toContain('Mẫu biểu hợp lệ: sang-loc-2025 SL-2025.1')
    expect(check.out).toContain('(4 dòng, 0 quy tắc')
    const out = path.join(path.dirname(dir), 'trang.xlsx')
    expect((await sheaf('blank', '--template', dir, '--out', out)).code).toBe(0)
    expect(fs.statSync(out).size).toBeGreaterThan(0)
  })
})

/** A fenced block of the guide's format 2 example, found by a text it holds. */
function guideBlock(lang: 'json' | 'csv', holding: string): string {
  const blocks = [...GUIDE.matchAll(new RegExp('```' + lang + '\\n([^`]*?) *```', 'g'))].map((m) =>
    (m[1] ?? '').replace(/^ {3}/gm, ''),
  )
  const found = blocks.find((b) => b.includes(holding))
  if (!found) throw new Error(`the format 2 example (${holding}) is gone from docs/template-packs.md`)
  return found
}

describe('the format 2 worked example of docs/template-packs.md', () => {
  it('makes a pack that checks clean, writes its blank form and judges a unit file by it', async () => {
    const dir = copyPack('immunization-6m-2025', {
      id: 'vitamin-a-2025',
      version: 'VTA-2025.1',
      name: { vi: 'Báo cáo uống vitamin A năm 2025', en: 'Vitamin A supplementation 2025' },
    })
    editJson(dir, 'layout.json', (layout) => {
      Object.assign(layout, JSON.parse(guideBlock('json', '"key": "urban"')))
      layout.header.title = 'BÁO CÁO UỐNG VITAMIN A {period} {year}'
    })
    fs.writeFileSync(path.join(dir, 'indicators.csv'), guideBlock('csv', 'VA.S1'))
    fs.writeFileSync(path.join(dir, 'rules.csv'), guideBlock('csv', 'VA.02r.done'))

    const check = await sheaf('pack', 'check', dir)
    expect(check.err).toBe('')
    expect(check.out).toContain('Mẫu biểu hợp lệ: vitamin-a-2025 VTA-2025.1')
    expect(check.out).toContain('(4 dòng, 1 quy tắc')
    const out = path.join(path.dirname(dir), 'vitamin-a-trang.xlsx')
    expect((await sheaf('blank', '--template', dir, '--out', out)).code).toBe(0)

    // a unit's file as the guide says it is judged
    const pack = loadTestPack(dir)
    const judge = (coverage: number, rural: number) =>
      analyseGrid(
        grid(
          infoSheet({
            unitCode: '08001',
            period: '6 tháng đầu năm',
            year: 2025,
            templateVersion: 'VTA-2025.1',
          }),
          formSheet(
            pack,
            {
              title: 'BÁO CÁO UỐNG VITAMIN A 6 THÁNG ĐẦU NĂM 2025',
              values: {
                'VA.01': { plan: 400, done: 400, urban: 100, rural: 300, minority: 120 },
                'VA.02': { plan: 380, done: 360, urban: 90, rural, minority: 100, pct: 94.74 },
                'VA.02r': { plan: 95, done: coverage, urban: 90, rural: 90, minority: 83.33 },
              },
            },
            'Bieu TCMR',
          ),
        ),
        {
          pack,
          units: indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }]),
          period: '2025-H1' as PeriodId,
          fileName: 'tam-duong.xlsx',
        },
      ).problems.map((p) => `${p.rule}@${p.cell}`)
    expect(judge(90, 270)).toEqual([])
    expect(judge(90, 280)).toEqual([
      `V06@${addressOf(pack, 'VA.02', 'urban')}`,
      `V12@${addressOf(pack, 'VA.02r', 'rural')}`,
    ])
    expect(judge(112, 270)).toEqual([`V03@${addressOf(pack, 'VA.02r', 'done')}`])
    expect(judge(75, 270)).toEqual([
      `V12@${addressOf(pack, 'VA.02r', 'done')}`,
      `W02a@${addressOf(pack, 'VA.02r', 'done')}`,
    ])
  })
})
