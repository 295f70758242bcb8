// The worked example of docs/template-packs.md, done as the guide says: the pack it describes checks
// clean and gives a blank form that Sheaf reads back as the form's own.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sheaf } from '../helpers/run-sheaf'

const ROOT = path.resolve(__dirname, '../..')
const GUIDE = fs.readFileSync(path.join(ROOT, 'docs/template-packs.md'), 'utf8')

/** The guide's example `indicators.csv`, taken from the guide itself so that the two never drift. */
function guideIndicators(): string {
  const m = /```csv\n( *code,stt,label[^`]*SL\.S1[^`]*?) *```/.exec(GUIDE)
  if (!m?.[1]) throw new Error('the worked example is gone from docs/template-packs.md')
  return m[1].replace(/^ {3}/gm, '')
}

describe('the worked example of docs/template-packs.md', () => {
  it('makes a pack that checks clean and writes its blank form', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-guide-')), 'sang-loc-2025')
    fs.cpSync(path.join(ROOT, 'templates/child-work-2025'), dir, { recursive: true })
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    Object.assign(manifest, {
      id: 'sang-loc-2025',
      version: 'SL-2025.1',
      name: { vi: 'Báo cáo sàng lọc suy dinh dưỡng năm 2025', en: 'Malnutrition screening 2025' },
    })
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest))
    const layout = JSON.parse(fs.readFileSync(path.join(dir, 'layout.json'), 'utf8'))
    layout.columns = layout.columns.filter(
      (c: { key: string }) => !['age_0_6', 'age_6_11', 'age_11_16', 'ethnic'].includes(c.key),
    )
    layout.header.title = 'BÁO CÁO SÀNG LỌC SUY DINH DƯỠNG {period} {year}'
    layout.owners = {}
    fs.writeFileSync(path.join(dir, 'layout.json'), JSON.stringify(layout))
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
