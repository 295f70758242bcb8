// Step 1: choose or create the season (a form and one of the periods its pack declares) with its
// deadline, and keep the list of units that must report (load it from CSV or Excel, add, rename,
// deactivate, aliases). Several forms may have a season for the same period; they never mix.
import { useMemo, useState } from 'react'
import type { ColDef, ICellRendererParams } from 'ag-grid-community'
import type { PeriodSummary, UnitRow } from '../../../src-main/shared/api-types'
import type { UnitKind } from '../../../src-main/shared/unit-kinds'
import { UNIT_KINDS } from '../../../src-main/shared/unit-kinds'
import { acceptList, UNIT_LIST_EXTENSIONS } from '../../../src-main/shared/file-kinds'
import { api } from '../../api/client'
import { DataGrid } from '../../components/DataGrid'
import { LIST_COLUMNS_WRAPPED } from '../../components/grid-setup'
import { ErrorBox } from '../../components/ErrorBox'
import { fileToUpload, pickBrowserFiles } from '../../components/files'
import { Modal } from '../../components/Modal'
import { SaveCancelButtons } from '../../components/SaveCancelButtons'
import { DateField, useDateText } from '../../components/DateField'
import { useNotify, useNotifyError } from '../../components/notify'
import type { Season } from '../../../src-main/shared/period'
import { periodOfSeason, seasonKey, seasonOfPeriod, useSession } from '../../components/session'
import { useApiQuery } from '../../components/use-api'
import { SearchBox } from '../../components/SearchBox'
import { useI18n } from '../../i18n'
import { formatDate } from '../../components/dates'
import { useNames } from '../../components/names'
import { FormsPanel } from './FormsPanel'

export function PeriodScreen({ onPeriodsChanged }: { onPeriodsChanged: () => void }) {
  const { t, loc } = useI18n()
  const { season, setSeason, touch } = useSession()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const names = useNames()
  const [showAside, setShowAside] = useState(false)
  const asideList = useApiQuery('period.list', showAside ? { includeSetAside: true } : null)
  const info = useApiQuery('app.info', {})
  const periods = useApiQuery('period.list', {})
  const templates = info.data?.templates ?? []
  const [year, setYear] = useState(() => new Date().getFullYear())
  const [kindChoice, setKind] = useState('')
  const [templateId, setTemplateId] = useState('')
  const deadline = useDateText(null)
  const current = periodOfSeason(periods.data, season) ?? null
  const tpl = templateId || templates.find((x) => x.years.includes(year))?.id || templates[0]?.id || ''
  const kinds = templates.find((x) => x.id === tpl)?.periods ?? []
  const kind = kinds.some((k) => k.key === kindChoice) ? kindChoice : (kinds.at(-1)?.key ?? 'Y')

  const create = async () => {
    const id = `${year}-${kind}`
    if (deadline.iso === undefined) return notify('error', t('dateFormat'))
    try {
      const r = await api.call('period.create', { id, templateId: tpl, deadline: deadline.iso })
      notify(
        r.created ? 'ok' : 'info',
        t(r.created ? 'periodCreated' : 'periodExists', { name: names.period(id) }),
      )
      setSeason({ form: r.templateId, period: id } as Season)
      periods.reload()
      onPeriodsChanged()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const setAside = async (id: string, form: string, aside: boolean) => {
    try {
      await api.call('period.setAside', { id, form, aside })
      notify('ok', t(aside ? 'periodSetAsideDone' : 'periodRestored', { name: names.period(id) }))
      if (aside && season && id === season.period && form === season.form) setSeason(null)
      periods.reload()
      asideList.reload()
      onPeriodsChanged()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  return (
    <div className="screen screen-period">
      <h1>{t('periodTitle')}</h1>
      <div className="period-layout">
        <section className="panel period-side">
          <h2>{t('periodExisting')}</h2>
          {periods.error && <ErrorBox error={periods.error} onRetry={periods.reload} />}
          {periods.data && periods.data.length === 0 && <p className="muted">{t('periodNone')}</p>}
          <ul className="period-list">
            {periods.data?.map((p) => (
              <li key={seasonKey(seasonOfPeriod(p))} className={p === current ? 'selected' : ''}>
                <button
                  type="button"
                  data-testid={`period-${p.id}`}
                  data-form={p.templateId}
                  onClick={() => setSeason(seasonOfPeriod(p))}
                >
                  <span className="period-id">{names.period(p.id)}</span>
                  <span className="period-meta">
                    {loc(p.formName)}
                    <br />
                    {t('periodUnits')}: {p.unitCount} · {t('periodAccepted')}: {p.acceptedCount}
                    {p.deadline ? ` · ${t('periodDeadline')}: ${formatDate(p.deadline)}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <label className="inline small">
            <input
              type="checkbox"
              data-testid="show-set-aside"
              checked={showAside}
              onChange={(e) => setShowAside(e.target.checked)}
            />
            {t('periodShowSetAside')}
          </label>
          {showAside && (
            <ul className="period-list aside-list">
              {asideList.data
                ?.filter((p) => p.setAside)
                .map((p) => (
                  <li key={p.id}>
                    <span className="period-id">{names.period(p.id)}</span>
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid={`restore-period-${p.id}`}
                      onClick={() => void setAside(p.id, p.templateId, false)}
                    >
                      {t('restore')}
                    </button>
                  </li>
                ))}
            </ul>
          )}
          <h2>{t('periodNew')}</h2>
          <FormsPanel info={info.data} />
          <div className="form-grid">
            <label className="span-2">
              {t('periodTemplate')}
              <select
                data-testid="new-period-template"
                value={templateId}
                onChange={(e) => setTemplateId(e.target.value)}
              >
                <option value="">
                  {names.form(templates.find((x) => x.years.includes(year))?.id ?? templates[0]?.id ?? '—')}
                </option>
                {templates.map((x) => (
                  <option key={`${x.id}@${x.version}`} value={x.id}>
                    {loc(x.name)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('periodYear')}
              <input
                type="number"
                data-testid="new-period-year"
                value={year}
                min={2000}
                max={2100}
                onChange={(e) => setYear(Number(e.target.value))}
              />
            </label>
            <label>
              {t('periodKind')}
              <select data-testid="new-period-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                {kinds.map((k) => (
                  <option key={k.key} value={k.key}>
                    {names.period(`${year}-${k.key}`)}
                  </option>
                ))}
              </select>
            </label>
            <span className="span-2">
              <DateField date={deadline} testId="new-period-deadline" label={t('periodDeadline')} />
            </span>
          </div>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="create-period"
            onClick={() => void create()}
          >
            {t('periodCreate')} {names.period(`${year}-${kind}`)}
          </button>
        </section>
        <section className="panel period-main">
          {current ? (
            <>
              <div className="toolbar">
                <strong className="toolbar-title">
                  {t('periodCurrent')}: {names.period(current.id)} · {loc(current.formName)}
                </strong>
                <DeadlineEditor
                  key={`${current.templateId}/${current.id}`}
                  period={current}
                  onSaved={() => {
                    periods.reload()
                    touch()
                  }}
                />
                <span className="spacer" />
                <button
                  type="button"
                  className="btn"
                  data-testid="set-aside-period"
                  title={t('periodSetAsideHint')}
                  onClick={() => void setAside(current.id, current.templateId, true)}
                >
                  {t('periodSetAside')}
                </button>
              </div>
              <UnitsPanel season={seasonOfPeriod(current)} />
            </>
          ) : (
            <p className="muted">{t('noPeriod')}</p>
          )}
        </section>
      </div>
    </div>
  )
}

type Draft = {
  code: string
  name: string
  kind: UnitKind
  dept: string
  aliases: string
  previousCode?: string
}

function UnitsPanel({ season }: { season: Season }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { touch } = useSession()
  const units = useApiQuery('units.list', { ...season })
  const [draft, setDraft] = useState<Draft | null>(null)
  const [quick, setQuick] = useState('')

  const importList = async () => {
    try {
      let file
      if (api.transport === 'electron') {
        const p = (await api.call('dialog.openUnitList', {})).file
        if (!p) return
        file = { kind: 'held' as const, id: p.id }
      } else {
        const [f] = await pickBrowserFiles({ accept: acceptList(UNIT_LIST_EXTENSIONS), multiple: false })
        if (!f) return
        file = await fileToUpload(f)
      }
      const r = await api.call('units.import', { ...season, file })
      notify('ok', t('unitsImported', { count: r.count, added: r.added, updated: r.updated }))
      for (const e of r.errors.slice(0, 3)) notify('error', loc(e))
      units.reload()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const save = async () => {
    if (!draft) return
    try {
      await api.call('units.save', {
        ...season,
        previousCode: draft.previousCode,
        unit: {
          code: draft.code,
          name: draft.name,
          kind: draft.kind,
          dept: draft.dept.trim() || null,
          aliases: draft.aliases
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      })
      setDraft(null)
      units.reload()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const setActive = async (u: UnitRow, active: boolean) => {
    try {
      await api.call('units.setActive', { ...season, code: u.code, active })
      units.reload()
      touch()
    } catch (e) {
      notifyError(e)
    }
  }

  const columns = useMemo<ColDef<UnitRow>[]>(
    () => [
      { field: 'code', headerName: t('unitsCode'), width: 80 },
      { field: 'name', headerName: t('unitsName'), flex: 2, minWidth: 150 },
      {
        field: 'kind',
        headerName: t('unitsKind'),
        width: 96,
        valueFormatter: (p) => (p.value ? t(`kind_${p.value as UnitKind}`) : ''),
      },
      { field: 'dept', headerName: t('unitsDept'), width: 96 },
      {
        field: 'aliases',
        headerName: t('unitsAliases'),
        flex: 1,
        minWidth: 110,
        valueFormatter: (p) => ((p.value as string[] | undefined) ?? []).join('; '),
      },
      {
        field: 'active',
        headerName: t('unitsActive'),
        width: 92,
        cellRenderer: (p: ICellRendererParams<UnitRow, boolean>) => (
          <span className={p.value ? 'dot dot-on' : 'dot dot-off'}>{p.value ? t('yes') : t('no')}</span>
        ),
      },
      {
        headerName: '',
        colId: 'actions',
        width: 120,
        sortable: false,
        filter: false,
        cellRenderer: (p: ICellRendererParams<UnitRow>) =>
          p.data ? (
            <span className="row-actions">
              <button
                type="button"
                className="link"
                onClick={() => {
                  const u = p.data
                  if (u)
                    setDraft({
                      code: u.code,
                      name: u.name,
                      kind: u.kind,
                      dept: u.dept ?? '',
                      aliases: u.aliases.join('; '),
                      previousCode: u.code,
                    })
                }}
              >
                {t('edit')}
              </button>
              <button
                type="button"
                className="link"
                onClick={() => p.data && void setActive(p.data, !p.data.active)}
              >
                {p.data.active ? t('unitsDeactivate') : t('unitsActivate')}
              </button>
            </span>
          ) : null,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  )

  return (
    <div className="units-panel">
      <div className="toolbar">
        <strong className="toolbar-title">{t('unitsTitle', { n: units.data?.length ?? 0 })}</strong>
        <SearchBox value={quick} onChange={setQuick} />
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-primary"
          data-testid="units-import"
          onClick={() => void importList()}
        >
          {t('unitsImport')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="units-add"
          onClick={() => setDraft({ code: '', name: '', kind: 'xa', dept: '', aliases: '' })}
        >
          {t('unitsAdd')}
        </button>
      </div>
      {units.error && <ErrorBox error={units.error} onRetry={units.reload} />}
      <DataGrid<UnitRow>
        testId="units-grid"
        rowData={units.data ? [...units.data] : null}
        columnDefs={columns}
        defaultColDef={LIST_COLUMNS_WRAPPED}
        quickFilterText={quick}
        getRowId={(p) => p.data.code}
        getRowClass={(p) => (p.data && !p.data.active ? 'row-inactive' : undefined)}
        overlayNoRowsTemplate={`<span>${t('unitsEmpty')}</span>`}
      />
      {draft && (
        <Modal
          title={draft.previousCode ? t('unitsEditTitle') : t('unitsAddTitle')}
          onClose={() => setDraft(null)}
          footer={
            <SaveCancelButtons
              onCancel={() => setDraft(null)}
              onSave={() => void save()}
              saveTestId="unit-save"
            />
          }
        >
          <div className="form-grid">
            <label>
              {t('unitsCode')}
              <input value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />
            </label>
            <label>
              {t('unitsKind')}
              <select
                value={draft.kind}
                onChange={(e) => setDraft({ ...draft, kind: e.target.value as UnitKind })}
              >
                {UNIT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kind_${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="span-2">
              {t('unitsName')}
              <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            </label>
            <label>
              {t('unitsDept')}
              <input value={draft.dept} onChange={(e) => setDraft({ ...draft, dept: e.target.value })} />
            </label>
            <label className="span-2">
              {t('unitsAliases')}
              <input
                value={draft.aliases}
                onChange={(e) => setDraft({ ...draft, aliases: e.target.value })}
              />
            </label>
          </div>
        </Modal>
      )}
    </div>
  )
}

/** The deadline of the season, edited on its own (typed day first) and saved by its button. */
function DeadlineEditor({ period, onSaved }: { period: PeriodSummary; onSaved: () => void }) {
  const { t } = useI18n()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const date = useDateText(period.deadline)
  const changed = date.iso !== undefined && date.iso !== period.deadline
  const save = async () => {
    if (!changed) return
    try {
      await api.call('period.update', { id: period.id, form: period.templateId, deadline: date.iso ?? null })
      notify('ok', t('periodDeadlineSaved'))
      onSaved()
    } catch (e) {
      notifyError(e)
    }
  }
  return (
    <>
      <DateField
        date={date}
        testId="period-deadline"
        label={t('periodDeadline')}
        inline
        onEnter={() => void save()}
      />
      <button
        type="button"
        className="btn"
        data-testid="save-deadline"
        disabled={!changed}
        onClick={() => void save()}
      >
        {t('periodSaveDeadline')}
      </button>
    </>
  )
}
