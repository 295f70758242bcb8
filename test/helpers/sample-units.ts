// A province's unit list for tests that draw random cases: communes and wards (one inactive) and a
// department for each owner of the pack's rows.
import { TERRITORIAL, type TemplatePack } from '../../src-main/core/template/pack'
import type { Unit } from '../../src-main/core/units/unit'

export function sampleProvinceUnits(pack: TemplatePack, communes: number, rnd: () => number): Unit[] {
  const depts = [
    ...new Set(pack.indicators.flatMap((i) => (i.owner && i.owner !== TERRITORIAL ? [i.owner] : []))),
  ]
  return [
    ...Array.from({ length: communes }, (_, i) => ({
      code: `X${String(i).padStart(3, '0')}`,
      name: `Xã ${i}`,
      kind: rnd() < 0.8 ? ('xa' as const) : ('phuong' as const),
      dept: null,
      aliases: [],
      ...(i === 7 ? { active: false } : {}),
    })),
    ...depts.map((d, i) => ({
      code: `S${i}`,
      name: `Sở ${d}`,
      kind: 'so_nganh' as const,
      dept: d,
      aliases: [],
    })),
  ]
}
