// Format 2 of a pack as the loader and `sheaf pack check` see it: what it becomes in the engine's
// model, and each mistake said at its file, line and field in both languages.
import { describe, expect, it } from 'vitest'
import { loadPack } from '../../src-main/core/template/load-pack'
import { packProblemsText } from '../../src-main/core/template/pack-problem'
import { IMMUNIZATION_DIR, loadImmunizationPack } from '../helpers/immunization-pack'
import { PACK_DIR, packFiles } from '../helpers/load-test-pack'

function problemsOf(edit: (f: Record<string, string>) => void, dir = IMMUNIZATION_DIR): string[] {
  const files = packFiles(dir)
  edit(files)
  const r = loadPack(files)
  return r.ok ? [] : packProblemsText(r.problems, 'vi')
}

const replaceIn = (file: string, from: string | RegExp, to: string) => (f: Record<string, string>) => {
  const before = f[file] as string
  f[file] = before.replace(from, to)
  if (f[file] === before) throw new Error(`nothing replaced in ${file}`)
}

describe('format 2', () => {
  it('loads the immunization pack into the general model', () => {
    const pack = loadImmunizationPack()
    expect(pack.formatVersion).toBe(2)
    expect(pack.totalKey).toBe('done')
    expect(pack.prevKey).toBe('prev')
    expect(pack.groups).toEqual([
      {
        id: 'quarters',
        label: { vi: 'Thực hiện theo quý', en: 'Done by quarter' },
        total: 'done',
        parts: ['q1', 'q2', 'q3', 'q4'],
        rule: 'V06',
      },
    ])
    expect(pack.columnByKey.get('pct')?.computed).toEqual({ num: 'done', den: 'plan', scale: 100 })
    const full = pack.byCode.get('TC.02')
    expect(full?.columns).toEqual(['plan', 'prev', 'done', 'q1', 'q2', 'q3', 'q4', 'minority', 'pct', 'cmp'])
    expect(full?.relationColumns).toEqual(['plan', 'done', 'q1', 'q2', 'q3', 'q4', 'minority'])
    expect(full?.mergedColumns).toEqual(['plan', 'prev', 'done', 'q1', 'q2', 'q3', 'q4', 'minority'])
    expect(pack.byCode.get('TC.02r')?.bounds).toEqual({ min: 0, max: 120, warnBelow: null, warnAbove: null })
    expect(pack.byCode.get('TC.08')?.columns).toEqual(['prev', 'done', 'q1', 'q2', 'q3', 'q4'])
    // `5 <= X` is kept as `X >= 5`; a rule with no message gets one built from the labels
    expect(pack.rules.find((r) => r.id === 'W02a')).toMatchObject({
      left: { code: 'TC.01', column: 'done' },
      op: '>',
      right: { constant: 0 },
    })
    expect(pack.rules.find((r) => r.id === 'V08a')?.message).toBeNull()
  })

  it('keeps a rule written with the number on the left as the same comparison', () => {
    const files = packFiles(IMMUNIZATION_DIR)
    files['rules.csv'] += 'W02c,warning,30,<=,TC.02r.done,,\n'
    const r = loadPack(files)
    expect(r.ok && r.pack.rules.find((x) => x.id === 'W02c')).toMatchObject({
      left: { code: 'TC.02r', column: 'done' },
      op: '>=',
      right: { constant: 30 },
    })
  })

  it('names every mistake of columns, groups, rows and rules', () => {
    expect(
      problemsOf((f) => {
        replaceIn('layout.json', '"parts": ["q1", "q2", "q3", "q4"]', '"parts": ["q1", "q9", "q3", "q4"]')(f)
        replaceIn('layout.json', '"den": "plan"', '"den": "plann"')(f)
        replaceIn('indicators.csv', 'prev done quarters,', 'prev done quarter,')(f)
        f['rules.csv'] += 'V08z,error,3,<=,4,,\n'
      }),
    ).toEqual([
      expect.stringMatching(
        /^layout\.json › dòng \d+ › columns\.12\.computed\.den: không có cột số liệu "plann"$/,
      ),
      expect.stringMatching(/^layout\.json › dòng \d+ › groups\.0\.parts\.1: không có cột số liệu "q9"$/),
      'indicators.csv › dòng 18 (TC.08) › columns: không có cột hay nhóm cột "quarter" trong layout.json',
      'rules.csv › dòng 6 (V08z) › right: cả hai vế đều là số: quy tắc không so sánh gì',
    ])
  })

  it('refuses format 1 words in a format 2 pack, and format 2 fields in a format 1 pack', () => {
    expect(problemsOf(replaceIn('layout.json', '"key": "q1",', '"key": "q1",\n      "dim": "S",'))).toEqual([
      expect.stringMatching(/columns\.7\.dim: dim là của định dạng 1; định dạng 2 dùng groups và ofWhich$/),
    ])
    expect(
      problemsOf(
        replaceIn('layout.json', '"key": "total",', '"key": "total",\n      "kind": "count",'),
        PACK_DIR,
      ),
    ).toEqual([expect.stringMatching(/columns\.5\.kind: chỉ có ở định dạng 2 của mẫu biểu/)])
    const v1 = problemsOf((f) => {
      f['layout.json'] = (f['layout.json'] as string).replace(
        '"guide": [',
        '"groups": [{ "id": "g", "label": { "vi": "G", "en": "G" }, "total": "total", "parts": ["male", "female"] }],\n  "guide": [',
      )
    }, PACK_DIR)
    expect(v1).toEqual([
      expect.stringMatching(/^layout\.json › dòng \d+ › groups: chỉ có ở định dạng 2 của mẫu biểu/),
    ])
  })
})
