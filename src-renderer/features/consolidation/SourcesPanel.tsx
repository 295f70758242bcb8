// Where one provincial figure came from: each unit's value, file, version, sheet!cell and the
// notes on how its text was read; the department's figure beside the territorial sum for R01.
import { useMemo } from 'react'
import type { ColDef } from 'ag-grid-community'
import type { ContributionRow } from '../../../src-main/shared/api-types'
import { DataGrid } from '../../components/DataGrid'
import { LIST_COLUMNS } from '../../components/grid-setup'
import { ErrorBox } from '../../components/ErrorBox'
import { useApiQuery } from '../../components/use-api'
import { useI18n } from '../../i18n'
import type { Season } from '../../../src-main/shared/period'

export function SourcesPanel({
  season,
  indicator,
  column,
}: {
  season: Season
  indicator: string
  column: string
}) {
  const { t, num, loc } = useI18n()
  const q = useApiQuery('consolidation.sources', { ...season, indicator, column })
  const d = q.data
  const columns = useMemo<ColDef<ContributionRow>[]>(
    () => [
      {
        headerName: t('colUnit'),
        colId: 'unit',
        valueGetter: (p) => p.data?.unitName ?? '',
        flex: 2,
        minWidth: 150,
      },
      {
        headerName: t('colValue'),
        colId: 'value',
        valueGetter: (p) => p.data?.value,
        valueFormatter: (p) => num(p.value as number),
        width: 90,
        type: 'numericColumn',
      },
      { field: 'fileName', headerName: t('colFile'), width: 170 },
      { field: 'version', headerName: t('colVersion'), width: 90 },
      {
        headerName: t('colCell'),
        colId: 'cell',
        valueGetter: (p) => (p.data ? `${p.data.sheet}!${p.data.cell}` : ''),
        width: 105,
      },
      { field: 'raw', headerName: t('colRaw'), width: 90 },
      {
        headerName: t('sourcesNote'),
        colId: 'notes',
        valueGetter: (p) => (p.data?.notes ?? []).map((n) => loc(n)).join('; '),
        flex: 2,
        minWidth: 160,
        tooltipValueGetter: (p) => (p.data?.notes ?? []).map((n) => loc(n)).join('\n'),
      },
    ],
    [t, num, loc],
  )
  return (
    <div className="sources" data-testid="sources-panel">
      {q.error && <ErrorBox error={q.error} onRetry={q.reload} />}
      {d && (
        <div className="sources-head">
          <h2>{t('sourcesTitle')}</h2>
          <div className="sources-figure">
            <span>{d.columnLabel}</span>
            <div className="sources-label">{d.label}</div>
          </div>
          <div className="sources-value" data-testid="sources-value">
            {d.value === null ? '—' : num(d.value)}
          </div>
          {d.owner && d.owner !== 'territorial' && (
            <div className="muted">
              {t('sourcesOwner', { owner: d.ownerName ?? d.owner })}
              {d.territorialSum !== null && ` · ${t('sourcesTerritorialSum', { v: num(d.territorialSum) })}`}
            </div>
          )}
        </div>
      )}
      <div className="sources-grid">
        {d && d.sources.length === 0 && <p className="muted">{t('sourcesNone')}</p>}
        <DataGrid<ContributionRow>
          testId="sources-grid"
          rowData={d ? [...d.sources] : []}
          columnDefs={columns}
          defaultColDef={LIST_COLUMNS}
          getRowClass={(p) => (p.data && !p.data.territorial ? 'row-dept' : undefined)}
          tooltipShowDelay={300}
        />
      </div>
    </div>
  )
}
