// `sheaf pack check DIR`: a pack that loads is 0, a broken one is 1 with every mistake named by
// file, line and field, a folder with no pack is 2.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sheaf } from '../helpers/run-sheaf'

const SHIPPED = path.resolve(__dirname, '../../templates/child-work-2025')

/** A copy of the shipped pack, its indicators.csv changed by `edit`. */
function copyPack(edit: (csv: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-pack-'))
  for (const f of fs.readdirSync(SHIPPED)) fs.copyFileSync(path.join(SHIPPED, f), path.join(dir, f))
  const p = path.join(dir, 'indicators.csv')
  fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')))
  return dir
}

describe('sheaf pack check', () => {
  it('says a valid pack is valid, with its rows, rules and periods', async () => {
    const r = await sheaf('pack', 'check', SHIPPED)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Mẫu biểu hợp lệ: child-work-2025 TE-2025\.1 – Biểu số liệu/)
    expect(r.out).toContain('kỳ H1, Y')
    expect((await sheaf('pack', 'check', SHIPPED, '--lang', 'en')).out).toMatch(/^Valid template pack/)
  })

  it('lists every mistake with its file, line and field: a cycle, a row of the wrong width, an unknown parent', async () => {
    const dir = copyPack((csv) =>
      csv
        // TE.0101 becomes a part of its own part: a cycle
        .replace(
          'TE.0101,1,Dân số trẻ em (dưới 16 tuổi),người,count,TSAE,,,,,territorial,stock',
          'TE.0101,1,Dân số trẻ em (dưới 16 tuổi),người,count,TSAE,TE.0101a,part,,,territorial,stock',
        )
        // a comma in a label without quotes: one field too many
        .replace('TE.0103,3,Số trẻ em dưới 5 tuổi,', 'TE.0103,3,Số trẻ em, dưới 5 tuổi,')
        // a parent that does not exist
        .replace(
          'TE.0204,8,Số trẻ em dưới 1 tuổi được tiêm chủng đầy đủ,trẻ em,count,TSE,TE.0203,',
          'TE.0204,8,Số trẻ em dưới 1 tuổi được tiêm chủng đầy đủ,trẻ em,count,TSE,TE.9999,',
        ),
    )
    const r = await sheaf('pack', 'check', dir)
    expect(r.code).toBe(1)
    expect(r.out).toContain(
      'indicators.csv › dòng 3 (TE.0101) › parent: vòng lặp TE.0101 → TE.0101a → TE.0101',
    )
    expect(r.out).toContain('indicators.csv › dòng 6: có 13 trường, dòng tiêu đề có 12')
    expect(r.out).toContain('indicators.csv › dòng 13 (TE.0204) › parent: không có chỉ tiêu TE.9999')
    // the schema's own words come after Vietnamese ones
    expect(r.out).toContain(
      'indicators.csv › dòng 6 › kind: giá trị không hợp lệ, phải là một trong "section"',
    )
  })

  it('exits 2 for a folder that holds no pack', async () => {
    const r = await sheaf('pack', 'check', os.tmpdir())
    expect(r.code).toBe(2)
    expect(r.err).toContain('thiếu manifest.json')
  })
})
