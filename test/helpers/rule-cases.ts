// Values that make each figure rule of the child-work form find something, one rule at a time, with
// the rule and the cell the problem must name (`formSheet`'s layout): shared by the tests of the
// rules in one thread and across the read pool's threads.
import type { TemplatePack } from '../../src-main/core/template/pack'
import { addressOf } from './form-grid'
import type { FormOptions } from './form-grid'

export type RuleCase = [name: string, values: FormOptions['values'], expected: string[]]

export function figureRuleCases(pack: TemplatePack): RuleCase[] {
  const at = (code: string, col: string) => addressOf(pack, code, col)
  return [
    ['V01 text that is not a number', { 'TE.0101': { total: 'nhiều' } }, [`V01@${at('TE.0101', 'total')}`]],
    [
      'V02 ambiguous 1,234 in a count row',
      { 'TE.0101': { total: '1,234' } },
      [`V02@${at('TE.0101', 'total')}`],
    ],
    ['V03 negative', { 'TE.0103': { total: -3 } }, [`V03@${at('TE.0103', 'total')}`]],
    ['V03 count not whole', { 'TE.0103': { total: 2.5 } }, [`V03@${at('TE.0103', 'total')}`]],
    ['V03 rate over 100', { 'TE.0204r': { total: 120 } }, [`V03@${at('TE.0204r', 'total')}`]],
    ['V04 number in a greyed cell', { 'TE.0704': { male: 3 } }, [`V04@${at('TE.0704', 'male')}`]],
    ['V04 tolerates 0 and x', { 'TE.0704': { male: 0, female: 'x' } }, []],
    ['V05 at male', { 'TE.0103': { total: 10, male: 6, female: 5 } }, [`V05@${at('TE.0103', 'male')}`]],
    [
      'V06 at the first age band',
      { 'TE.0209': { total: 10, age_0_6: 1, age_6_11: 2, age_11_16: 3 } },
      [`V06@${at('TE.0209', 'age_0_6')}`],
    ],
    ['V07 at ethnic', { 'TE.0103': { total: 10, ethnic: 11 } }, [`V07@${at('TE.0103', 'ethnic')}`]],
    [
      'V08a at the left operand',
      { 'TE.0303': { total: 11 }, 'TE.0301': { total: 10 } },
      [`V08a@${at('TE.0303', 'total')}`],
    ],
    [
      'V08h with a named column',
      { 'TE.0101a': { total: 100 }, 'TE.0101': { age_0_6: 90 } },
      [`V08h@${at('TE.0101a', 'total')}`],
    ],
    [
      'W02a warning',
      { 'XH.0102': { total: 5 }, 'XH.0101': { total: 4 } },
      [`W02a@${at('XH.0102', 'total')}`],
    ],
    [
      'V09 at the sum parent',
      {
        'XH.0101b': { total: 10 },
        'XH.0101b1': { total: 1 },
        'XH.0101b2': { total: 2 },
        'XH.0101b3': { total: 3 },
        'XH.0101b4': { total: 3 },
      },
      [`V09@${at('XH.0101b', 'total')}`],
    ],
    ['V09 needs every child filled', { 'XH.0101b': { total: 10 }, 'XH.0101b1': { total: 1 } }, []],
    [
      'V10 at the parent',
      { 'TE.0209': { total: 5 }, 'TE.0210': { total: 6 } },
      [`V10@${at('TE.0209', 'total')}`],
    ],
    [
      'V11 at the child',
      { 'TE.0205': { total: 5 }, 'TE.0206': { total: 6 } },
      [`V11@${at('TE.0206', 'total')}`],
    ],
    [
      'V12 at the rate',
      { 'TE.0203': { total: 200 }, 'TE.0204': { total: 150 }, 'TE.0204r': { total: 70 } },
      [`V12@${at('TE.0204r', 'total')}`],
    ],
    [
      'V12 within rounding',
      { 'TE.0203': { total: 300 }, 'TE.0204': { total: 200 }, 'TE.0204r': { total: 66.7 } },
      [],
    ],
    [
      'V13 formula error',
      { 'TE.0103': { total: { kind: 'error', value: '#REF!' } } },
      [`V13@${at('TE.0103', 'total')}`],
    ],
    ['W04 at total', { 'TE.0103': { prev: 100, total: 200 } }, [`W04@${at('TE.0103', 'total')}`]],
    ['W04 needs more than 5', { 'TE.0103': { prev: 4, total: 8 } }, []],
    [
      'W05 at compare',
      { 'TE.0103': { prev: 100, total: 110, compare: 120 } },
      [`W05@${at('TE.0103', 'compare')}`],
    ],
    ['W06 at the blank total', { 'TE.0103': { prev: 100 } }, [`W06@${at('TE.0103', 'total')}`]],
    ['W08 sex ratio', { 'TE.0102': { total: 150 } }, [`W08@${at('TE.0102', 'total')}`]],
    [
      'W01 groups below the parent',
      Object.fromEntries([
        ['TE.0301', { total: 100 }],
        ...(pack.children.get('TE.0301') ?? []).map((k) => [k.code, { total: 1 }]),
      ]),
      [`W01@${at('TE.0301', 'total')}`],
    ],
  ]
}
