// Two versions of one unit's report side by side, only the figures that differ.
import { useEffect, useMemo, useState } from 'react'
import type { ColDef } from 'ag-grid-community'
import type { CellDiff } from '../../../src-main/shared/api-types'
import { DataGrid } from '../../components/DataGrid'
import { LIST_COLUMNS } from '../../components/grid-setup'
import { ErrorBox } from '../../components/ErrorBox'
import { Modal } from '../../components/Modal'
import { useApiQuery } from '../../components/use-api'
import { useI18n } from '../../i18n'
import type { Season } from '../../../src-main/shared/period'

export function CompareDialog({
  season,
  unit,
  unitName,
  onClose,
}: {
  season: Season
  unit: string
  unitName: string
  onClose: () => void
}) {
  const { t, num } = useI18n()
  const versions = useApiQuery('submission.versions', { ...season, unit })
  const [a, setA] = useState<number | null>(null)
  const [b, setB] = useState<number | null>(null)
  useEffect(() => {
    const v = versions.data
    if (!v || v.length === 0) return
    setA((x) => x ?? v[Math.max(0, v.length - 2)]?.submissionId ?? null)
    setB((x) => x ?? v[v.length - 1]?.submissionId ?? null)
  }, [versions.data])
  const diff = useApiQuery('submission.compare', a !== null && b !== null ? { a, b } : null)
  const columns = useMemo<ColDef<CellDiff>[]>(
    () => [
      {
        field: 'label',
        headerName: t('colIndicator'),
        flex: 2,
        minWidth: 220,
        wrapText: true,
        autoHeight: true,
        cellClass: 'cell-wrap',
      },
      { field: 'columnLabel', headerName: t('colColumn'), flex: 1, minWidth: 140 },
      {
        headerName: t('compareA'),
        colId: 'a',
        width: 120,
        valueGetter: (p) => num(p.data?.a),
        type: 'numericColumn',
      },
      {
        headerName: t('compareB'),
        colId: 'b',
        width: 120,
        valueGetter: (p) => num(p.data?.b),
        type: 'numericColumn',
      },
      { field: 'cellB', headerName: t('colCell'), width: 110 },
    ],
    [t, num],
  )
  const option = (id: number | null, set: (n: number) => void, testId: string) => (
    <select data-testid={testId} value={id ?? ''} onChange={(e) => set(Number(e.target.value))}>
      {versions.data?.map((v) => (
        <option key={v.submissionId} value={v.submissionId}>
          {t('versionLabel', { v: v.version, file: v.fileName })}
        </option>
      ))}
    </select>
  )
  return (
    <Modal title={t('compareTitle', { unit: unitName })} onClose={onClose} wide>
      {versions.error && <ErrorBox error={versions.error} />}
      <div className="toolbar">
        <label className="inline">
          {t('compareA')} {option(a, setA, 'compare-a')}
        </label>
        <label className="inline">
          {t('compareB')} {option(b, setB, 'compare-b')}
        </label>
        <span className="spacer" />
        {diff.data && (
          <strong>
            {diff.data.length ? t('compareDiffs', { n: diff.data.length }) : t('compareNoDiff')}
          </strong>
        )}
      </div>
      {diff.error && <ErrorBox error={diff.error} />}
      <div className="compare-grid">
        <DataGrid<CellDiff>
          rowData={diff.data ? [...diff.data] : []}
          columnDefs={columns}
          defaultColDef={LIST_COLUMNS}
        />
      </div>
    </Modal>
  )
}
