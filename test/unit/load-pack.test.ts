import { describe, expect, it } from 'vitest'
import { loadPack } from '../../src-main/core/template/load-pack'
import { columnApplies } from '../../src-main/core/template/pack'
import { packProblemsText } from '../../src-main/core/template/pack-problem'
import { loadTestPack, shippedPackFiles } from '../helpers/load-test-pack'

describe('loadPack', () => {
  it('loads the 2025 form with every indicator, rule and column', () => {
    const pack = loadTestPack()
    expect(pack.manifest.version).toBe('TE-2025.1')
    expect(pack.indicators).toHaveLength(96)
    expect(pack.rules.map((r) => r.id)).toEqual([
      'V08a',
      'V08b',
      'V08c',
      'V08e',
      'V08f',
      'V08g',
      'V08h',
      'W02a',
      'W02b',
    ])
    const h = pack.rules.find((r) => r.id === 'V08h')
    expect(h?.right).toEqual({ code: 'TE.0101', column: 'age_0_6' })
    const te0101a = pack.byCode.get('TE.0101a')
    expect(te0101a?.dataColumns).toEqual(['total', 'male', 'female', 'ethnic'])
    expect(pack.children.get('XH.0101b')?.map((c) => c.code)).toEqual([
      'XH.0101b1',
      'XH.0101b2',
      'XH.0101b3',
      'XH.0101b4',
    ])
    const rate = pack.byCode.get('TE.0104r')
    expect(rate && columnApplies(pack, rate, 'compare')).toBe(false)
    expect(rate && columnApplies(pack, rate, 'prev')).toBe(true)
  })

  it('turns the format 1 pack into the general model: groups, "of which", computed column, bounds', () => {
    const pack = loadTestPack()
    expect(pack.formatVersion).toBe(1)
    expect(pack.totalKey).toBe('total')
    expect(pack.prevKey).toBe('prev')
    expect(pack.groups.map((g) => [g.id, g.total, g.parts, g.rule, g.label.vi])).toEqual([
      ['sex', 'total', ['male', 'female'], 'V05', 'Chia theo giới tính'],
      ['age', 'total', ['age_0_6', 'age_6_11', 'age_11_16'], 'V06', 'Chia theo nhóm tuổi'],
    ])
    expect(pack.ofWhich).toEqual([{ column: 'ethnic', notAbove: 'total' }])
    const compare = pack.columnByKey.get('compare')
    expect(compare?.role).toBe('computed')
    expect(compare?.computed).toEqual({ num: 'total', den: 'prev', scale: 100 })
    const te0101 = pack.byCode.get('TE.0101')
    expect(te0101?.columns).toEqual([
      'prev',
      'total',
      'male',
      'female',
      'age_0_6',
      'age_6_11',
      'age_11_16',
      'ethnic',
      'compare',
    ])
    expect(te0101?.bounds).toEqual({ min: 0, max: null, warnBelow: null, warnAbove: null })
    // a rate is at most 100%, the sex ratio at birth has its plausible band of 80-140
    expect(pack.byCode.get('TE.0104r')?.bounds.max).toBe(100)
    expect(pack.byCode.get('TE.0102')?.bounds).toMatchObject({ warnBelow: 80, warnAbove: 140 })
  })

  it('refuses a pack with a dangling parent, naming the file, row and field', () => {
    const files = shippedPackFiles()
    files['indicators.csv'] = (files['indicators.csv'] as string).replace(
      'TE.0101a,1.1,Trong đó: trẻ em dưới 6 tuổi,người,count,TSE,TE.0101,',
      'TE.0101a,1.1,Trong đó: trẻ em dưới 6 tuổi,người,count,TSE,TE.9999,',
    )
    const r = loadPack(files)
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(packProblemsText(r.problems, 'vi').join('\n')).toMatch(
        /indicators\.csv › dòng 4 \(TE\.0101a\) › parent: .*TE\.9999/,
      )
  })

  it('refuses a bad kind and an unknown rule operand', () => {
    const files = shippedPackFiles()
    files['indicators.csv'] = (files['indicators.csv'] as string).replace(',ratio,T,', ',ratios,T,')
    files['rules.csv'] = (files['rules.csv'] as string).replace('V08a,error,TE.0303,', 'V08a,error,TE.0XYZ,')
    const r = loadPack(files)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      const text = packProblemsText(r.problems, 'vi')
      expect(text.some((e) => e.includes('kind'))).toBe(true)
      expect(text.some((e) => e.includes('rules.csv › dòng 2 (V08a) › left'))).toBe(true)
    }
  })
})
