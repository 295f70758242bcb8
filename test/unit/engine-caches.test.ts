// The engine's caches are explicit: data derived from a pack is made once per pack and can be dropped;
// a bounded memo forgets everything when full, and all memos can be emptied at once.
import { describe, expect, it } from 'vitest'
import { BoundedMemo, BoundedPairMemo, resetMemos } from '../../src-main/shared/bounded-memo'
import { derivedFromPack, resetPackDerivedData } from '../../src-main/core/template/pack-derived'
import { rulePlan } from '../../src-main/core/rules/rule-plan'
import { tableKeys } from '../../src-main/core/submission/table-keys'
import { loadTestPack } from '../helpers/load-test-pack'

describe('data derived from a pack', () => {
  it('is made once per pack, again after a reset, and apart for another pack', () => {
    const pack = loadTestPack()
    let made = 0
    const codes = derivedFromPack((p) => {
      made++
      return p.indicators.map((i) => i.code)
    })
    const first = codes(pack)
    expect(codes(pack)).toBe(first)
    expect(made).toBe(1)
    const other = { ...pack }
    expect(codes(other)).toEqual(first)
    expect(made).toBe(2)
    const plan = rulePlan(pack)
    const keys = tableKeys(pack)
    resetPackDerivedData()
    expect(codes(pack)).not.toBe(first)
    expect(made).toBe(3)
    expect(rulePlan(pack)).not.toBe(plan)
    expect(rulePlan(pack)).toEqual(plan)
    expect(tableKeys(pack)).not.toBe(keys)
  })
})

describe('a bounded memo', () => {
  it('forgets everything when full, and every memo empties at once', () => {
    const memo = new BoundedMemo<string, number>(3)
    for (const [k, v] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      memo.set(k, v)
    expect(memo.size).toBe(3)
    memo.set('d', 4)
    expect(memo.size).toBe(1)
    expect(memo.get('a')).toBeUndefined()
    expect(memo.get('d')).toBe(4)
    const other = new BoundedMemo<number, string>(10)
    other.set(1, 'x')
    resetMemos()
    expect(memo.size + other.size).toBe(0)
  })
})

describe('a bounded pair memo', () => {
  it('counts the pairs of all its firsts together, forgets them all when full, and resets with the others', () => {
    const memo = new BoundedPairMemo<string, number, string | undefined>(3)
    memo.set('0.0%', 0.5, '50.0%')
    memo.set('0.0%', 0.25, '25.0%')
    memo.set('#,##0', 1000, undefined)
    memo.set('#,##0', 1000, '1,000')
    expect(memo.size).toBe(3)
    expect(memo.under('0.0%')?.get(0.25)).toBe('25.0%')
    expect(memo.under('#,##0')?.get(1000)).toBe('1,000')
    memo.set('0.00', 2, '2.00')
    expect(memo.size).toBe(1)
    expect(memo.under('0.0%')).toBeUndefined()
    resetMemos()
    expect(memo.size).toBe(0)
    expect(memo.under('0.00')).toBeUndefined()
  })
})
