// Step 5: the province's figures in the form's own layout (grouped headers, sections, greyed cells),
// marked provisional while units are missing; selecting a figure shows where it came from.
import { useMemo, useState } from 'react'
import type { ColDef, ColGroupDef, CellClickedEvent } from 'ag-grid-community'
import type { ConsolidationRow, ConsolidationView } from '../../../src-main/shared/api-types'
import { DataGrid } from '../../components/DataGrid'
import { ErrorBox } from '../../components/ErrorBox'
import { useApiQuery } from '../../components/use-api'
import { useI18n } from '../../i18n'
import { SourcesPanel } from './SourcesPanel'
import { useNames } from '../../components/names'
import type { Season } from '../../../src-main/shared/period'
import type { Lang } from '../../../src-main/shared/localized'

const TEXT_ROLES = new Set(['stt', 'code', 'label', 'unit'])

/**
 * A column's header as the form prints it (one or two levels); in English, the column's English name
 * alone where the pack gives one, since the form's group headers have none.
 */
function headerOf(col: ConsolidationView['columns'][number], lang: Lang): { group?: string; name: string } {
  const name = col.header[col.header.length - 1] ?? col.key
  if (lang === 'en' && col.nameEn) return { name: col.nameEn }
  return col.header.length > 1 ? { group: col.header[0] as string, name } : { name }
}

function buildColumns(
  view: ConsolidationView,
  num: (n: number | null | undefined, d?: number) => string,
  lang: Lang,
): (ColDef<ConsolidationRow> | ColGroupDef<ConsolidationRow>)[] {
  const out: (ColDef<ConsolidationRow> | ColGroupDef<ConsolidationRow>)[] = []
  const lastIndex = view.columns.filter((c) => c.role !== 'note').length - 1
  view.columns.forEach((col, i) => {
    if (col.role === 'note') return
    let def: ColDef<ConsolidationRow>
    if (TEXT_ROLES.has(col.role)) {
      def = {
        colId: col.key,
        headerName: headerOf(col, lang).name,
        valueGetter: (p) => (p.data ? (p.data[col.key as 'stt' | 'code' | 'label' | 'unit'] ?? '') : ''),
        // not pinned: at 1366 pixels the whole form fits, and the label takes the room left
        ...(col.role === 'label'
          ? { flex: 3, minWidth: 220 }
          : { width: col.role === 'unit' ? 78 : col.role === 'code' ? 78 : 44 }),
        wrapText: col.role === 'label',
        autoHeight: col.role === 'label',
        cellClass: `col-${col.role}`,
        colSpan: (p) => (col.role === 'label' && p.data?.kind === 'section' ? lastIndex - i + 1 : 1),
      }
    } else {
      def = {
        colId: col.key,
        headerName: headerOf(col, lang).name,
        headerTooltip: `(${col.index})`,
        valueGetter: (p) => p.data?.values[col.key] ?? null,
        valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : num(p.value as number)),
        width: 72,
        flex: 1,
        minWidth: 64,
        type: 'numericColumn',
        cellClassRules: {
          'cell-na': (p) => !!p.data && p.data.kind !== 'section' && !p.data.applies.includes(col.key),
          'cell-r01': (p) => !!p.data && p.data.r01.includes(col.key),
          'cell-figure': (p) => !!p.data && p.data.applies.includes(col.key),
        },
      }
    }
    const group = headerOf(col, lang).group
    if (group) {
      const last = out[out.length - 1]
      if (last && 'children' in last && last.headerName === group) last.children.push(def)
      else out.push({ headerName: group, marryChildren: true, children: [def] })
    } else {
      out.push(def)
    }
  })
  return out
}

export function ConsolidationScreen({ season }: { season: Season }) {
  const { t, num, lang } = useI18n()
  const names = useNames()
  const view = useApiQuery('consolidation.get', { ...season })
  const [selected, setSelected] = useState<{ indicator: string; column: string } | null>(null)
  const data = view.data
  const columns = useMemo(() => (data ? buildColumns(data, num, lang) : []), [data, num, lang])
  const rows = useMemo(() => (data ? [...data.rows] : []), [data])

  const onCell = (e: CellClickedEvent<ConsolidationRow>) => {
    const key = e.column.getColId()
    const row = e.data
    if (!row || row.kind === 'section' || !row.applies.includes(key)) return
    if (TEXT_ROLES.has(data?.columns.find((c) => c.key === key)?.role ?? 'stt')) return
    setSelected({ indicator: row.code, column: key })
  }

  return (
    <div className="screen screen-consolidation">
      <div className="screen-head">
        <h1>
          {data
            ? // the form's own title as it prints; in English, the form's and the period's names
              lang === 'vi'
              ? data.title
              : `${names.form(season.form)} · ${names.period(season.period)}`
            : t('consolidationTitle')}
        </h1>
        <button type="button" className="btn" onClick={view.reload}>
          {t('refresh')}
        </button>
      </div>
      {view.error && <ErrorBox error={view.error} onRetry={view.reload} />}
      {data && (
        <div
          className={`banner ${data.provisional ? 'banner-warn' : 'banner-ok'}`}
          data-testid="consolidation-banner"
        >
          <strong>{data.provisional ? t('provisional', { n: data.missing.length }) : t('complete')}</strong>
          <span> · {t('contributing', { n: data.contributing })}</span>
          {data.provisional && (
            <span className="banner-detail" title={data.missing.map((m) => `${m.code} ${m.name}`).join('\n')}>
              {' '}
              · {t('missingUnits')}:{' '}
              {data.missing
                .slice(0, 6)
                .map((m) => m.name)
                .join(', ')}
              {data.missing.length > 6 ? ', …' : ''}
            </span>
          )}
        </div>
      )}
      <div className={`split-cons${selected ? '' : ' no-side'}`}>
        <div className="split-main">
          <DataGrid<ConsolidationRow>
            testId="consolidation-grid"
            rowData={rows}
            columnDefs={columns}
            defaultColDef={{
              sortable: false,
              filter: false,
              resizable: true,
              suppressMovable: true,
              wrapHeaderText: true,
              autoHeaderHeight: true,
            }}
            getRowId={(p) => p.data.code}
            getRowClass={(p) => (p.data?.kind === 'section' ? 'row-section' : undefined)}
            onCellClicked={onCell}
            groupHeaderHeight={30}
          />
          <div className="legend">
            <span className="legend-swatch na" /> {t('naLegend')} ·
            <span className="legend-swatch r01" /> {t('r01Legend')} · {t('sourcesHint')}
          </div>
        </div>
        {selected ? (
          <aside className="split-side panel">
            <button
              type="button"
              className="btn btn-small sources-close"
              data-testid="sources-close"
              onClick={() => setSelected(null)}
            >
              {t('close')}
            </button>
            <SourcesPanel season={season} indicator={selected.indicator} column={selected.column} />
          </aside>
        ) : null}
      </div>
    </div>
  )
}
