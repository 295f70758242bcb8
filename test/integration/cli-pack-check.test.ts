// `sheaf pack check DIR`: a pack that loads is 0, a broken one is 1 with every mistake named by
// file, line and field, a folder with no pack is 2.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sheaf } from '../helpers/run-sheaf'
import { annualUnitGrid } from '../helpers/form-grid'
import { gridToBytes } from '../helpers/grid-to-xlsx'
import { loadTestPack } from '../helpers/load-test-pack'

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
    expect(r.out).toContain('indicators.csv › dòng 13 (TE.0204) › parent: không có chỉ tiêu nào mã TE.9999')
    expect(r.out).toContain(
      'indicators.csv › dòng 6 (TE.0103) › kind: giá trị không hợp lệ, phải là một trong "section"',
    )
    // in English, wholly: no Vietnamese word and the same places
    const en = await sheaf('pack', 'check', dir, '--lang', 'en')
    expect(en.code).toBe(1)
    expect(en.out).toMatch(/^The template pack .* has 6 mistakes:/)
    expect(en.out).toContain(
      'indicators.csv › line 3 (TE.0101) › parent: parent cycle TE.0101 → TE.0101a → TE.0101',
    )
    expect(en.out).toContain('indicators.csv › line 13 (TE.0204) › parent: no row has the code TE.9999')
    expect(en.out).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i)
  })

  it('refuses a rule that can never be checked, in both languages, with exit 1', async () => {
    const dir = copyPack((csv) => csv)
    const rules = path.join(dir, 'rules.csv')
    fs.writeFileSync(
      rules,
      fs
        .readFileSync(rules, 'utf8')
        .replace('V08h,error,TE.0101a,=,TE.0101.age_0_6,', 'V08h,error,TE.0101a,=,TE.0101a.age_0_6,'),
    )
    const vi = await sheaf('pack', 'check', dir)
    expect(vi.code).toBe(1)
    expect(vi.out).toContain(
      'rules.csv › dòng 8 (V08h) › right: dòng TE.0101a không có cột age_0_6 (xem dims của nó): quy tắc không bao giờ được kiểm tra',
    )
    const en = await sheaf('pack', 'check', dir, '--lang', 'en')
    expect(en.out).toContain(
      'rules.csv › line 8 (V08h) › right: row TE.0101a has no column age_0_6 (see its dims): the rule would never be checked',
    )
    // a season cannot use it either: consolidate exits 1 with the same words
    const c = await sheaf('validate', '--template', dir, '--period', '2025-Y', '--units', rules, dir)
    expect(c.code).toBe(1)
    expect(c.err).toContain('rules.csv › dòng 8 (V08h) › right: dòng TE.0101a không có cột age_0_6')
  })

  it('exits 2 for a folder that holds no pack', async () => {
    const r = await sheaf('pack', 'check', os.tmpdir())
    expect(r.code).toBe(2)
    expect(r.err).toContain('thiếu manifest.json')
    const en = await sheaf('pack', 'check', os.tmpdir(), '--lang', 'en')
    expect(en.err).toContain('manifest.json is missing')
  })
})

describe('--template PATH', () => {
  it('uses a pack folder outside the repository, by its own id', async () => {
    const dir = copyPack((csv) => csv)
    const manifest = path.join(dir, 'manifest.json')
    fs.writeFileSync(
      manifest,
      fs
        .readFileSync(manifest, 'utf8')
        .replace('"id": "child-work-2025"', '"id": "mau-ngoai-2025"')
        .replace(/"vi": "Biểu số liệu[^"]*"/, '"vi": "Biểu thử ngoài kho 2025"')
        .replace(/"en": "Child-work[^"]*"/, '"en": "Outside trial form 2025"'),
    )
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-outside-'))
    fs.writeFileSync(path.join(work, 'units.csv'), 'code,name,kind,dept,aliases\n08001,Xã Tam Đường,xa,,\n')
    fs.mkdirSync(path.join(work, 'in'))
    const g = annualUnitGrid(loadTestPack(), '08001', {
      unitLine: 'UBND XÃ TAM ĐƯỜNG',
      values: { 'TE.0101': { total: 12 } },
    })
    fs.writeFileSync(path.join(work, 'in', '08001.xlsx'), gridToBytes(g))
    const args = [
      '--period',
      '2025-Y',
      '--units',
      path.join(work, 'units.csv'),
      '--json',
      path.join(work, 'in'),
    ]
    const r = await sheaf('validate', '--template', dir, ...args)
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out) as { template: string; submissions: { unit: string; status: string }[] }
    expect(doc.template).toBe('mau-ngoai-2025')
    expect(doc.submissions.map((s) => [s.unit, s.status])).toEqual([['08001', 'accepted']])
    // the summary names the season by the pack's own name for the form, in either language
    const text = await sheaf('validate', '--template', dir, ...args.filter((a) => a !== '--json'))
    expect(text.out.split('\n')[0]).toBe('Biểu thử ngoài kho 2025 · Năm 2025')
    const en = await sheaf(
      'validate',
      '--template',
      dir,
      ...args.filter((a) => a !== '--json'),
      '--lang',
      'en',
    )
    expect(en.out.split('\n')[0]).toMatch(/^Outside trial form 2025 · .*2025$/)
    // a path that is not there: exit 2, said in the reader's language
    const missing = await sheaf(
      'validate',
      '--template',
      path.join(work, 'khong-co'),
      ...args,
      '--lang',
      'en',
    )
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('template pack not found')
    expect(missing.err).not.toContain('không')
  })
})

describe('sheaf pack list', () => {
  it('lists the shipped forms and a folder’s, a broken pack with every mistake, never hidden', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sheaf-pack-list-'))
    const broken = copyPack((csv) => csv.replace(',ratio,T,', ',ratios,T,'))
    fs.renameSync(broken, path.join(root, 'mau-hong'))
    const vi = await sheaf('pack', 'list', root)
    expect(vi.code).toBe(0)
    expect(vi.out).toMatch(
      /^ {2}child-work-2025 {2}TE-2025\.1 {2}Biểu số liệu kết quả thực hiện công tác trẻ em năm 2025/m,
    )
    expect(vi.out).toContain(`✗ ${root}/mau-hong: 1 lỗi, chưa dùng được`)
    expect(vi.out).toContain('    - indicators.csv › dòng 5 (TE.0102) › kind: giá trị không hợp lệ')
    const en = await sheaf('pack', 'list', root, '--lang', 'en')
    expect(en.out).toContain(`✗ ${root}/mau-hong: 1 mistake, not usable`)
    expect(en.out).toContain('    - indicators.csv › line 5 (TE.0102) › kind: invalid value')
    expect(en.out).toContain('Child-work report form 2025')
    expect((await sheaf('pack', 'list', path.join(root, 'khong-co'))).code).toBe(2)
  })
})
