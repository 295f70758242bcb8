// Step 6: write the ministry workbook, the feedback workbooks for the units with problems and the
// list of missing units; on the desktop each goes where the clerk chooses and opens in its folder.
import { useState } from 'react'
import type { ExportResult } from '../../../src-main/shared/api-types'
import { api, errorText } from '../../api/client'
import { askFolder, askSavePath, ExportedFiles } from '../../components/exported'
import { useNotify } from '../../components/notify'
import { useI18n } from '../../i18n'

type Header = { province: string; reportNo: string; signer: string }

function loadHeader(): Header {
  try {
    const v = JSON.parse(localStorage.getItem('sheaf.exportHeader') ?? '{}') as Partial<Header>
    return { province: v.province ?? '', reportNo: v.reportNo ?? '', signer: v.signer ?? '' }
  } catch {
    return { province: '', reportNo: '', signer: '' }
  }
}

export function ExportScreen({ period }: { period: string }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const [header, setHeader] = useState<Header>(loadHeader)
  const [busy, setBusy] = useState<string | null>(null)
  const [results, setResults] = useState<ExportResult[]>([])

  const setField = (k: keyof Header, v: string) => {
    const next = { ...header, [k]: v }
    setHeader(next)
    try {
      localStorage.setItem('sheaf.exportHeader', JSON.stringify(next))
    } catch {
      // remembered for this session only
    }
  }

  const run = async (what: 'report' | 'feedback' | 'missing') => {
    setBusy(what)
    try {
      let r: ExportResult
      if (what === 'report') {
        const path = await askSavePath(`bao-cao-tong-hop-${period}.xlsx`, 'xlsx')
        if (path === null) return
        r = await api.call('export.report', {
          period,
          path,
          header: {
            province: header.province || undefined,
            reportNo: header.reportNo || undefined,
            signer: header.signer || undefined,
          },
        })
      } else if (what === 'feedback') {
        const folder = await askFolder()
        if (folder === null) return
        r = await api.call('export.feedback', { period, folder })
      } else {
        const path = await askSavePath(`don-vi-chua-nop-${period}.xlsx`, 'xlsx')
        if (path === null) return
        r = await api.call('status.exportMissing', { period, path })
      }
      setResults((rs) => [r, ...rs])
    } catch (e) {
      notify('error', loc(errorText(e)))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="screen screen-export">
      <h1>{t('exportTitle')}</h1>
      <div className="export-cards">
        <section className="panel export-card">
          <h2>{t('exportReport')}</h2>
          <p className="muted">{t('exportReportHint')}</p>
          <div className="form-grid">
            <label className="span-2">
              {t('exportProvince')}
              <input
                data-testid="export-province"
                value={header.province}
                onChange={(e) => setField('province', e.target.value)}
              />
            </label>
            <label>
              {t('exportReportNo')}
              <input value={header.reportNo} onChange={(e) => setField('reportNo', e.target.value)} />
            </label>
            <label>
              {t('exportSigner')}
              <input value={header.signer} onChange={(e) => setField('signer', e.target.value)} />
            </label>
          </div>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="export-report"
            disabled={busy !== null}
            onClick={() => void run('report')}
          >
            {busy === 'report' ? t('loading') : t('exportDo')}
          </button>
        </section>
        <section className="panel export-card">
          <h2>{t('exportFeedback')}</h2>
          <p className="muted">{t('exportFeedbackHint')}</p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="export-feedback"
            disabled={busy !== null}
            onClick={() => void run('feedback')}
          >
            {busy === 'feedback' ? t('loading') : t('exportDo')}
          </button>
        </section>
        <section className="panel export-card">
          <h2>{t('exportMissing')}</h2>
          <p className="muted">{t('exportMissingHint')}</p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="export-missing-list"
            disabled={busy !== null}
            onClick={() => void run('missing')}
          >
            {busy === 'missing' ? t('loading') : t('exportDo')}
          </button>
        </section>
      </div>
      {results.map((r, i) => (
        <ExportedFiles key={`${r.folder}-${i}`} result={r} />
      ))}
    </div>
  )
}
