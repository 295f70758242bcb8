// Step 6: write the ministry workbook, the feedback workbooks for the units with problems and the
// list of missing units; on the desktop each goes where the clerk chooses and opens in its folder.
import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { DateField, useDateText } from '../../components/DateField'
import type { ExportResult } from '../../../src-main/shared/api-types'
import { api } from '../../api/client'
import { askFolder, askSavePath, ExportedFiles } from '../../components/exported'
import { useNotify, useNotifyError } from '../../components/notify'
import { useApiQuery } from '../../components/use-api'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/vi'
import { copyText } from '../../components/grid-copy'
import type { ReportHeaderTexts } from '../../../src-main/shared/report-header-input'
import type { Season } from '../../../src-main/shared/period'

type Field = keyof ReportHeaderTexts
type ExportKind = 'report' | 'feedback' | 'missing' | 'all'

/** The header and signature fields, in the order of the form; `wide`: over both columns. */
const FIELDS: readonly {
  key: Field
  label: MessageKey
  wide?: boolean
}[] = [
  { key: 'governingBody', label: 'exportGoverningBody' },
  { key: 'issuer', label: 'exportIssuer' },
  { key: 'reportNo', label: 'exportReportNo' },
  { key: 'place', label: 'exportPlace' },
  { key: 'date', label: 'exportDate' },
  { key: 'signerTitle', label: 'exportSignerTitle' },
  { key: 'signer', label: 'exportSigner' },
  { key: 'preparer', label: 'exportPreparer' },
  { key: 'recipients', label: 'exportRecipients', wide: true },
]

export function ExportScreen({ season }: { season: Season }) {
  const { t, lang } = useI18n()
  const notify = useNotify()
  const notifyError = useNotifyError()
  // the season's remembered texts; what the clerk edits here is sent with the export and remembered
  const remembered = useApiQuery('export.header', { ...season })
  const [edits, setEdits] = useState<Partial<ReportHeaderTexts>>({})
  const header: Partial<ReportHeaderTexts> = { ...remembered.data, ...edits }
  const [busy, setBusy] = useState<string | null>(null)
  const [results, setResults] = useState<ExportResult[]>([])

  const setField = (k: Field, v: string) => setEdits((e) => ({ ...e, [k]: v }))
  // the report's date as typed is not a date yet: the report waits for it
  const [dateBad, setDateBad] = useState(false)

  const [summary, setSummary] = useState<string | null>(null)

  const writeSummary = async () => {
    try {
      setSummary((await api.call('season.summary', { ...season, lang })).text)
    } catch (e) {
      notifyError(e)
    }
  }

  const run = async (what: ExportKind) => {
    setBusy(what)
    try {
      let r: ExportResult
      if (what === 'report') {
        if (dateBad) return notify('error', t('dateFormat'))
        const target = await askSavePath(`bao-cao-tong-hop-${season.period}.xlsx`, 'xlsx')
        if (target === null) return
        r = await api.call('export.report', {
          ...season,
          target,
          header: edits,
        })
      } else if (what === 'feedback') {
        const folder = await askFolder()
        if (folder === null) return
        r = await api.call('export.feedback', { ...season, folder })
      } else if (what === 'all') {
        const target = await askSavePath(`tat-ca-${season.period}.zip`, 'zip')
        if (target === null) return
        r = await api.call('export.all', { ...season, target })
      } else {
        const target = await askSavePath(`don-vi-chua-nop-${season.period}.xlsx`, 'xlsx')
        if (target === null) return
        r = await api.call('status.exportMissing', { ...season, target })
      }
      setResults((rs) => [r, ...rs])
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(null)
    }
  }
  /** An export's button: it says it is working while its export runs and waits while another does. */
  const exportButton = (what: ExportKind, testId: string, label: MessageKey) => (
    <button
      type="button"
      className="btn btn-primary"
      data-testid={testId}
      disabled={busy !== null}
      onClick={() => void run(what)}
    >
      {busy === what ? t('loading') : t(label)}
    </button>
  )

  return (
    <div className="screen screen-export">
      <h1>{t('exportTitle')}</h1>
      <div className="export-cards">
        <ExportCard title={t('exportReport')} hint={t('exportReportHint')}>
          <div className="form-grid">
            {FIELDS.map((f) =>
              f.key === 'date' ? (
                <ReportDateField
                  // typed again from the remembered date once it is known
                  key={remembered.data ? 'remembered' : 'loading'}
                  label={t(f.label)}
                  initial={remembered.data?.date || null}
                  onDate={(iso) => {
                    setDateBad(iso === undefined)
                    if (iso !== undefined && iso !== (remembered.data?.date || null))
                      setField('date', iso ?? '')
                  }}
                />
              ) : (
                <label key={f.key} className={f.wide ? 'span-2' : undefined}>
                  {t(f.label)}
                  <input
                    data-testid={`export-${f.key}`}
                    type="text"
                    value={header[f.key] ?? ''}
                    onChange={(e) => setField(f.key, e.target.value)}
                  />
                </label>
              ),
            )}
          </div>
          {exportButton('report', 'export-report', 'exportDo')}
        </ExportCard>
        <ExportCard title={t('exportFeedback')} hint={t('exportFeedbackHint')}>
          {exportButton('feedback', 'export-feedback', 'exportDo')}
        </ExportCard>
        <ExportCard title={t('exportMissing')} hint={t('exportMissingHint')}>
          {exportButton('missing', 'export-missing-list', 'exportDo')}
        </ExportCard>
        <ExportCard title={t('exportAll')} hint={t('exportAllHint')}>
          {exportButton('all', 'export-all', 'exportAllDo')}
        </ExportCard>
        <ExportCard title={t('exportSummary')} hint={t('exportSummaryHint')}>
          <div className="toolbar">
            <button
              type="button"
              className="btn"
              data-testid="season-summary"
              onClick={() => void writeSummary()}
            >
              {t('exportSummaryDo')}
            </button>
            {summary !== null && (
              <button
                type="button"
                className="btn"
                onClick={() => void copyText(summary).then(() => notify('ok', t('exportSummaryCopied')))}
              >
                {t('copyRows')}
              </button>
            )}
          </div>
          {summary !== null && (
            <textarea
              className="summary-text"
              data-testid="season-summary-text"
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          )}
        </ExportCard>
      </div>
      {results.map((r, i) => (
        <ExportedFiles key={`${r.folder}-${i}`} result={r} />
      ))}
    </div>
  )
}

/** One card of the screen: what it writes, a line on what that is for, then its fields and button. */
function ExportCard({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
  return (
    <section className="panel export-card">
      <h2>{title}</h2>
      <p className="muted">{hint}</p>
      {children}
    </section>
  )
}

/** The report's date, typed day first; tells the screen the date (null: none, undefined: not a date). */
function ReportDateField({
  label,
  initial,
  onDate,
}: {
  label: string
  initial: string | null
  onDate: (iso: string | null | undefined) => void
}) {
  const date = useDateText(initial)
  const told = useRef(onDate)
  told.current = onDate
  useEffect(() => told.current(date.iso), [date.iso])
  return <DateField date={date} testId="export-date" label={label} />
}
