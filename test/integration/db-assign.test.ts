// A file that matched no unit, assigned to one by hand: the stored file takes the new analysis whole
// (unit, status, figures, problems) or not at all, and the audit log says who moved it.
import { describe, expect, it } from 'vitest'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import {
  assignSubmissionUnit,
  DbError,
  getAcceptedSubmissions,
  getFigures,
  getProblems,
  getSubmission,
  importUnitList,
  listAudit,
  listVersions,
  storeSubmission,
  type SheafDb,
} from '../../src-main/db/index'
import { analysis, figure, file, S } from './db-helpers'
import { databaseEachTest } from '../helpers/database-each-test'

const open = databaseEachTest({ onDisk: true, actor: 'clerk' })

const S03 = {
  rule: 'S03',
  severity: 'error' as const,
  value: 'Xã Vĩnh Hưng Mới',
  message: { vi: 'Không xác định được đơn vị', en: 'The unit cannot be identified' },
}

/** a season with two communes and one stored file that matched neither */
function seasonWithUnknownFile(): { d: SheafDb; id: number } {
  const d = open()
  importUnitList(d, S('2025-Y'), [
    { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
    { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  ])
  const { submissionId } = storeSubmission(d, {
    season: S('2025-Y'),
    file: file('bao-cao-xa-moi.xlsx'),
    analysis: analysis({ unit: null, problems: [S03], status: 'rejected' }),
  })
  return { d, id: submissionId }
}

function reanalysed(unit: string, over: Partial<SubmissionAnalysis> = {}): SubmissionAnalysis {
  return {
    ...analysis({
      unit,
      figures: [figure('TE.0101', 'total', 321), figure('TE.0101', 'male', 160, 'G11')],
      problems: [{ rule: 'W06', severity: 'warning', message: { vi: 'ô trống', en: 'blank' } }],
    }),
    unitSource: 'manual',
    ...over,
  }
}

describe('assignSubmissionUnit', () => {
  it('gives the file its unit, status, figures and problems, and it becomes the unit’s version', () => {
    const { d, id } = seasonWithUnknownFile()
    expect(listVersions(d, S('2025-Y'), '08002')).toEqual([])

    const s = assignSubmissionUnit(d, {
      submissionId: id,
      unit: '08002',
      analysis: reanalysed('08002'),
      by: 'vy',
    })
    expect(s).toMatchObject({ id, unit: '08002', unitSource: 'manual', status: 'accepted' })
    expect(getSubmission(d, id)).toEqual(s)
    expect(getFigures(d, id).map((f) => `${f.indicator}/${f.column}=${f.value}`)).toEqual([
      'TE.0101/male=160',
      'TE.0101/total=321',
    ])
    expect(getProblems(d, id).map((p) => p.rule)).toEqual(['W06'])

    const versions = listVersions(d, S('2025-Y'), '08002')
    expect(versions.map((v) => [v.id, v.version, v.active, v.accepted])).toEqual([[id, 1, true, true]])
    const merged = getAcceptedSubmissions(d, S('2025-Y')).find((x) => x.id === id)
    expect(merged?.figures.find((f) => f.column === 'total')?.value).toBe(321)

    const audit = listAudit(d, { entity: 'submission', entityId: id })[0]
    expect(audit).toMatchObject({
      actor: 'vy',
      action: 'submission.assign',
      details: { from: null, to: '08002', statusBefore: 'rejected', status: 'accepted', figures: 2 },
    })
  })

  it('refuses a unit that is not in the period’s list, an unknown file, and an analysis for another unit', () => {
    const { d, id } = seasonWithUnknownFile()
    const code = (fn: () => unknown) => {
      try {
        fn()
      } catch (e) {
        return e instanceof DbError ? e.code : String(e)
      }
      return 'no error'
    }
    expect(
      code(() => assignSubmissionUnit(d, { submissionId: id, unit: '09999', analysis: reanalysed('09999') })),
    ).toBe('DB_NOT_FOUND')
    expect(
      code(() =>
        assignSubmissionUnit(d, { submissionId: 999, unit: '08001', analysis: reanalysed('08001') }),
      ),
    ).toBe('DB_NOT_FOUND')
    expect(
      code(() => assignSubmissionUnit(d, { submissionId: id, unit: '08001', analysis: reanalysed('08002') })),
    ).toBe('DB_INVALID_INPUT')
    expect(getSubmission(d, id)).toMatchObject({ unit: null, status: 'rejected' })
    expect(getProblems(d, id).map((p) => p.rule)).toEqual(['S03'])
  })

  it('changes nothing when the new figures cannot be stored', () => {
    const { d, id } = seasonWithUnknownFile()
    const figuresBefore = getFigures(d, id)
    const auditBefore = listAudit(d).length
    const broken = reanalysed('08001', { figures: [figure('TE.0101', 'total', Number.NaN)] })
    expect(() => assignSubmissionUnit(d, { submissionId: id, unit: '08001', analysis: broken })).toThrow(
      DbError,
    )
    expect(getSubmission(d, id)).toMatchObject({ unit: null, unitSource: 'info-code', status: 'rejected' })
    expect(getFigures(d, id)).toEqual(figuresBefore)
    expect(getProblems(d, id).map((p) => p.rule)).toEqual(['S03'])
    expect(listAudit(d).length).toBe(auditBefore)
  })
})
