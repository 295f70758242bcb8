// A broken pack's mistakes, each at its file, line and field, wholly in Vietnamese or wholly in
// English; and the rules of rules.csv that can never hold or never be checked.
import { describe, expect, it } from 'vitest'
import { loadPack } from '../../src-main/core/template/load-pack'
import type { Indicator } from '../../src-main/core/template/pack'
import type { PackProblem } from '../../src-main/core/template/pack-problem'
import { packProblemsText } from '../../src-main/core/template/pack-problem'
import { jsonLines, lineOfPath } from '../../src-main/core/template/json-lines'
import { neverHoldingRules } from '../../src-main/core/template/rule-feasibility'
import { loadTestPack, shippedPackFiles } from '../helpers/load-test-pack'

function problemsOf(files: Record<string, string>): PackProblem[] {
  const r = loadPack(files)
  if (r.ok) throw new Error('the pack loaded')
  return r.problems
}

function edit(files: Record<string, string>, name: string, from: string, to: string): void {
  const text = files[name] as string
  if (!text.includes(from)) throw new Error(`${name} has no ${from}`)
  files[name] = text.replace(from, to)
}

/** letters only Vietnamese writes (and none of English) */
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i
/** words of the schema library's own English messages */
const SCHEMA_ENGLISH = /Invalid|expected|Too (small|big)|Unrecognized|received/

const OP_RULE = 'V08a,error,TE.0303,<=,TE.0301,'

describe('the mistakes of a pack', () => {
  const files = shippedPackFiles()
  edit(files, 'indicators.csv', ',ratio,T,', ',ratios,T,')
  edit(files, 'indicators.csv', 'TE.0103,3,Số trẻ em dưới 5 tuổi,', 'TE.0103,3,Số trẻ em, dưới 5 tuổi,')
  edit(files, 'indicators.csv', ',count,TSE,TE.0203,', ',count,TSE,TE.9999,')
  edit(
    files,
    'indicators.csv',
    'TE.0101,1,Dân số trẻ em (dưới 16 tuổi),người,count,TSAE,,,',
    'TE.0101,1,Dân số trẻ em (dưới 16 tuổi),người,count,TSAE,TE.0101a,part,',
  )
  edit(files, 'rules.csv', OP_RULE, 'V08a,error,TE.0XYZ,<=,TE.0301,')
  const problems = problemsOf(files)
  const vi = packProblemsText(problems, 'vi')
  const en = packProblemsText(problems, 'en')

  it('names the file, the line, the row and the field of each', () => {
    expect(vi).toContain(
      'indicators.csv › dòng 5 (TE.0102) › kind: giá trị không hợp lệ, phải là một trong "section", "count", "decimal", "money", "rate", "permille", "ratio", "text"',
    )
    expect(en).toContain(
      'indicators.csv › line 5 (TE.0102) › kind: invalid value, must be one of "section", "count", "decimal", "money", "rate", "permille", "ratio", "text"',
    )
    expect(vi).toContain(
      'indicators.csv › dòng 6: có 13 trường, dòng tiêu đề có 12 (thừa trường; một dấu phẩy trong chữ phải nằm trong dấu nháy kép)',
    )
    expect(en).toContain(
      'indicators.csv › line 6: 13 fields, the header has 12 (too many fields; a comma inside a text needs double quotes)',
    )
    expect(vi).toContain('indicators.csv › dòng 13 (TE.0204) › parent: không có chỉ tiêu nào mã TE.9999')
    expect(en).toContain('indicators.csv › line 13 (TE.0204) › parent: no row has the code TE.9999')
    expect(vi).toContain('indicators.csv › dòng 3 (TE.0101) › parent: vòng lặp TE.0101 → TE.0101a → TE.0101')
    expect(en).toContain(
      'indicators.csv › line 3 (TE.0101) › parent: parent cycle TE.0101 → TE.0101a → TE.0101',
    )
    expect(vi).toContain(
      'rules.csv › dòng 2 (V08a) › left: "TE.0XYZ" không phải mã chỉ tiêu, MÃ.cột của mẫu biểu hay một số',
    )
    expect(en).toContain(
      'rules.csv › line 2 (V08a) › left: "TE.0XYZ" is neither a row code, CODE.column of the pack nor a number',
    )
  })

  it('says each wholly in the reader’s language', () => {
    expect(en.length).toBeGreaterThan(4)
    for (const line of en) expect(line).not.toMatch(VIETNAMESE)
    for (const line of vi) expect(line).not.toMatch(SCHEMA_ENGLISH)
  })

  it('finds the line of a mistake in layout.json and manifest.json', () => {
    const f = shippedPackFiles()
    const layout = JSON.parse(f['layout.json'] as string) as { columns: { key: string; dim?: string }[] }
    const at = layout.columns.findIndex((c) => c.key === 'male')
    f['layout.json'] = JSON.stringify(
      { ...layout, columns: layout.columns.map((c, i) => (i === at ? { ...c, dim: 'X' } : c)) },
      null,
      2,
    )
    const line = (f['layout.json'] as string).split('\n').findIndex((l) => l.includes('"dim": "X"')) + 1
    const [p] = problemsOf(f)
    expect(p).toMatchObject({ file: 'layout.json', line, field: `columns.${at}.dim` })
    expect(packProblemsText([p as PackProblem], 'en')[0]).toBe(
      `layout.json › line ${line} › columns.${at}.dim: invalid value, must be one of "T", "S", "A", "E"`,
    )

    const m = shippedPackFiles()
    m['manifest.json'] = (m['manifest.json'] as string).replace(
      '"id": "child-work-2025"',
      '"id": "Child Work"',
    )
    const idLine = (m['manifest.json'] as string).split('\n').findIndex((l) => l.includes('"id"')) + 1
    expect(packProblemsText(problemsOf(m), 'vi')).toEqual([
      `manifest.json › dòng ${idLine} › id: sai định dạng: chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang`,
    ])
    const v = shippedPackFiles()
    v['manifest.json'] = (v['manifest.json'] as string).replace('"id"', '"formatVersion": 3,\n  "id"')
    expect(packProblemsText(problemsOf(v), 'en')).toEqual([
      'manifest.json › line 2 › formatVersion: invalid value, must be one of "1", "2"',
    ])
    m['manifest.json'] = '{\n  "id": "x",\n  "version": 1,\n}'
    expect(packProblemsText(problemsOf(m), 'en')).toEqual([
      'manifest.json › line 4: not valid JSON (a comma, bracket or quote missing or too many)',
    ])
  })

  it('says a refinement of the schema in both languages', () => {
    const f = shippedPackFiles()
    const layout = JSON.parse(f['layout.json'] as string) as { periods: unknown[] }
    f['layout.json'] = JSON.stringify({ ...layout, periods: [layout.periods[0], layout.periods[0]] }, null, 2)
    const [p] = problemsOf(f)
    expect(p?.message).toEqual({
      vi: 'mỗi loại kỳ chỉ được khai một lần (có hai kỳ cùng key)',
      en: 'each period kind once (two periods have the same key)',
    })
    expect(p).toMatchObject({ file: 'layout.json', field: 'periods' })
  })

  it('gives the line of every JSON path, keys where they are written', () => {
    const lines = jsonLines('{\n  "a": [\n    1,\n    { "b": "x" }\n  ],\n  "c": {}\n}')
    expect(lines.get('a')).toBe(2)
    expect(lines.get('a.0')).toBe(3)
    expect(lines.get('a.1.b')).toBe(4)
    expect(lines.get('c')).toBe(6)
    expect(lineOfPath(lines, ['a', 1, 'missing'])).toBe(4)
  })
})

describe('rules that can never hold', () => {
  function ruleProblems(rule: string): string[] {
    const f = shippedPackFiles()
    edit(f, 'rules.csv', OP_RULE, rule)
    return packProblemsText(problemsOf(f), 'vi').concat(packProblemsText(problemsOf(f), 'en'))
  }

  it('refuses a rule on a column its row does not have, in both languages', () => {
    // TE.0104r has total, sexes and ethnic minority: no age bands
    expect(ruleProblems('V08a,error,TE.0104r.age_0_6,<=,TE.0103,')).toEqual([
      'rules.csv › dòng 2 (V08a) › left: dòng TE.0104r không có cột age_0_6 (xem dims của nó): quy tắc không bao giờ được kiểm tra',
      'rules.csv › line 2 (V08a) › left: row TE.0104r has no column age_0_6 (see its dims): the rule would never be checked',
    ])
  })

  it('refuses a rule on a section, one comparing a row with itself, and rows with no column in common', () => {
    expect(ruleProblems('V08a,error,TE.S1,<=,TE.0301,')[0]).toBe(
      'rules.csv › dòng 2 (V08a) › left: TE.S1 là một mục (section), không có số liệu: quy tắc không bao giờ được kiểm tra',
    )
    expect(ruleProblems('V08a,error,TE.0301,=,TE.0301,')).toEqual([
      'rules.csv › dòng 2 (V08a) › right: so sánh TE.0301 với chính nó (TE.0301 = TE.0301): luôn đúng, không kiểm tra gì',
      'rules.csv › line 2 (V08a) › right: compares TE.0301 with itself (TE.0301 = TE.0301): it always holds and checks nothing',
    ])
    // TE.0102 (sex ratio) has only its total, as has TE.0101: they are compared in total
    const f = shippedPackFiles()
    edit(f, 'rules.csv', OP_RULE, 'V08a,error,TE.0102,<=,TE.0101,')
    expect(loadPack(f).ok).toBe(true)
    const sexesOnly = {
      ...(loadTestPack().byCode.get('TE.0303') as Indicator),
      dataColumns: ['male', 'female'],
      relationColumns: ['male', 'female'],
    }
    const agesOnly = {
      ...(loadTestPack().byCode.get('TE.0301') as Indicator),
      dataColumns: ['age_0_6'],
      relationColumns: ['age_0_6'],
    }
    const faults = neverHoldingRules({
      byCode: new Map([
        ['TE.0303', sexesOnly],
        ['TE.0301', agesOnly],
      ]),
      children: new Map(),
      dataColumnKeys: loadTestPack().dataColumnKeys,
      totalKey: 'total',
      rules: [
        { left: { code: 'TE.0303', column: null }, op: '<=', right: { code: 'TE.0301', column: null } },
      ],
    })
    expect(faults.map((x) => x.message.en)).toEqual([
      'TE.0303 and TE.0301 share no data column: the rule would never be checked',
    ])
  })

  it('finds x < x and a part that must exceed its whole, and lets a possible rule be', () => {
    const pack = loadTestPack()
    const view = {
      byCode: pack.byCode,
      children: pack.children,
      dataColumnKeys: pack.dataColumnKeys,
      totalKey: 'total',
    }
    const op = (l: string, o: '<' | '<=' | '>', r: string) => ({
      left: { code: l, column: null },
      op: o,
      right: { code: r, column: null },
    })
    const faults = neverHoldingRules({
      ...view,
      rules: [
        op('TE.0301', '<', 'TE.0301'),
        // TE.0301a is a group child of TE.0301: never above it
        op('TE.0301', '<', 'TE.0301a'),
        op('TE.0301a', '>', 'TE.0301'),
        // TE.0206 is an `each` child of TE.0205, itself a part of TE.0103 (through a chain)
        op('TE.0206', '<=', 'TE.0205'),
        op('TE.0301a', '<', 'TE.0301'),
      ],
    })
    expect(faults.map((f) => [f.index, f.field])).toEqual([
      [0, 'right'],
      [1, 'op'],
      [2, 'op'],
    ])
    expect(faults[0]?.message.en).toBe('compares TE.0301 with itself (TE.0301 < TE.0301): it can never hold')
    expect(faults[1]?.message.vi).toBe(
      'TE.0301 < TE.0301a không bao giờ đúng: theo indicators.csv, TE.0301a là phần của TE.0301 nên không lớn hơn nó; quy tắc đòi TE.0301 nhỏ hơn TE.0301a',
    )
    expect(faults[2]?.message.en).toBe(
      'TE.0301a > TE.0301 can never hold: by indicators.csv, TE.0301a is part of TE.0301 and so not above it; the rule wants TE.0301a greater than TE.0301',
    )
  })

  it('holds the shipped pack free of such rules', () => {
    expect(loadPack(shippedPackFiles()).ok).toBe(true)
  })
})
