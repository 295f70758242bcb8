// The forms Sheaf knows, and Thêm mẫu biểu: a pack folder picked (the desktop's dialog) or uploaded
// (in a browser), checked as `sheaf pack check` does and copied into the data folder. A broken pack
// is shown with its mistakes, never hidden; so is a pack refused when it is added.
import { useState } from 'react'
import type { AppInfo } from '../../../src-main/shared/api-types'
import type { Localized } from '../../../src-main/shared/localized'
import { api } from '../../api/client'
import { fileToUpload, pickBrowserFiles } from '../../components/files'
import { Modal } from '../../components/Modal'
import { useNotify, useNotifyError } from '../../components/notify'
import { useSession } from '../../components/session'
import { useI18n } from '../../i18n'

/** The pack's own files among those of a picked folder: its .json and .csv, not those of subfolders. */
function packFilesOf(files: readonly File[]): File[] {
  return files.filter((f) => {
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath ?? ''
    return /\.(json|csv)$/i.test(f.name) && rel.split('/').length <= 2
  })
}

export function FormsPanel({ info }: { info: AppInfo | null }) {
  const { t, loc } = useI18n()
  const notify = useNotify()
  const notifyError = useNotifyError()
  const { touch } = useSession()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  /** the mistakes of the pack the clerk just tried to add */
  const [refused, setRefused] = useState<readonly Localized[] | null>(null)
  const templates = info?.templates ?? []
  const broken = info?.brokenTemplates ?? []

  const add = async () => {
    try {
      let files
      if (api.transport === 'electron') {
        const picked = (await api.call('dialog.openPackFolder', {})).folder
        if (!picked) return
        files = picked.files.map((f) => ({ kind: 'held' as const, id: f.id }))
      } else {
        const picked = packFilesOf(
          await pickBrowserFiles({ accept: '.json,.csv', multiple: true, folder: true }),
        )
        if (picked.length === 0) return
        setBusy(true)
        files = await Promise.all(picked.map((f) => fileToUpload(f)))
      }
      setBusy(true)
      const r = await api.call('templates.add', { files })
      if (r.added) {
        setRefused(null)
        notify('ok', t(r.replaced ? 'formsReplaced' : 'formsAdded', { name: loc(r.added.name) }))
        touch()
      } else {
        setRefused(r.problems)
        setOpen(true)
      }
    } catch (e) {
      notifyError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="forms-panel" data-testid="forms-panel">
      <div className="forms-line">
        <span>{t('formsCount', { n: templates.length })}</span>
        <button type="button" className="btn-link" data-testid="forms-show" onClick={() => setOpen(true)}>
          {t('formsShow')}
        </button>
      </div>
      {broken.length > 0 && (
        <button
          type="button"
          className="btn-link forms-broken-line"
          data-testid="forms-broken"
          onClick={() => setOpen(true)}
        >
          ⚠ {t('formsBroken', { n: broken.length })}
        </button>
      )}
      <button
        type="button"
        className="btn btn-small"
        data-testid="forms-add"
        title={t('formsAddHint')}
        disabled={busy}
        onClick={() => void add()}
      >
        {busy ? t('formsChecking') : t('formsAdd')}
      </button>
      {open && (
        <Modal
          title={t('formsTitle')}
          wide
          onClose={() => {
            setOpen(false)
            setRefused(null)
          }}
          footer={
            <button
              type="button"
              className="btn"
              data-testid="forms-add-again"
              disabled={busy}
              onClick={() => void add()}
            >
              {t('formsAdd')}
            </button>
          }
        >
          {refused && (
            <section className="forms-refused" data-testid="forms-refused">
              <h3>{t('formsRefused', { n: refused.length })}</h3>
              <ul className="forms-problems">
                {refused.map((p, i) => (
                  <li key={i}>{loc(p)}</li>
                ))}
              </ul>
            </section>
          )}
          <p className="muted">{t('formsAddHint')}</p>
          <ul className="forms-list" data-testid="forms-list">
            {templates.map((x) => (
              <li key={x.id}>
                <strong>{loc(x.name)}</strong>
                <span className="muted">
                  {' '}
                  · {x.version} · {x.periods.map((p) => p.label).join(', ')} ·{' '}
                  {t(x.source === 'added' ? 'formsSourceAdded' : 'formsSourceShipped')}
                </span>
              </li>
            ))}
            {broken.map((b) => (
              <li
                key={`${b.source}/${b.folder}`}
                className="forms-broken"
                data-testid={`forms-broken-${b.folder}`}
              >
                <strong>
                  ⚠ {b.folder}: {t('formsBrokenOne', { n: b.problems.length })}
                </strong>
                <span className="muted">
                  {' '}
                  · {t(b.source === 'added' ? 'formsSourceAdded' : 'formsSourceShipped')}
                </span>
                <ul className="forms-problems">
                  {b.problems.map((p, i) => (
                    <li key={i}>{loc(p)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Modal>
      )}
    </div>
  )
}
