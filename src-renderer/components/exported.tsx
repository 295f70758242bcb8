// After an export: the files written, each with "show in folder" on the desktop or a download link
// in a browser.
import type { ExportResult } from '../../src-main/shared/api-types'
import { api } from '../api/client'
import { useI18n } from '../i18n'
import { useNotifyError } from './notify'

export function ExportedFiles({ result }: { result: ExportResult }) {
  const { t } = useI18n()
  const notifyError = useNotifyError()
  const show = async (file: string) => {
    try {
      await api.call('shell.showInFolder', { file })
    } catch (e) {
      notifyError(e)
    }
  }
  const save = async (download: string, name: string) => {
    try {
      await api.download(download, name)
    } catch (e) {
      notifyError(e)
    }
  }
  return (
    <div className="exported" data-testid="exported-files">
      <div className="exported-head">
        <strong>{t('exportWritten')}</strong>
        <span className="muted">{result.folder}</span>
        {api.transport === 'electron' && result.files[0] && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void show(result.files[0]?.file ?? '')}
          >
            {t('exportShowFolder')}
          </button>
        )}
      </div>
      <ul>
        {result.files.map((f) => (
          <li key={f.file}>
            <span className="file-name">{f.name}</span>
            {api.transport === 'http' && (
              <button
                type="button"
                className="btn btn-small"
                data-testid="download"
                onClick={() => void save(f.file, f.name)}
              >
                {t('exportDownload')}
              </button>
            )}
            {api.transport === 'electron' && (
              <button type="button" className="link" onClick={() => void show(f.file)}>
                {t('exportShowFolder')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * Asks where to save on the desktop (the id of the place picked; null: cancelled); in a browser the
 * server writes under its data folder and the page downloads (undefined).
 */
export async function askSavePath(
  defaultName: string,
  extension: string,
): Promise<string | undefined | null> {
  if (api.transport !== 'electron') return undefined
  const r = await api.call('dialog.saveFile', { defaultName, extension })
  return r.target
}

export async function askFolder(): Promise<string | undefined | null> {
  if (api.transport !== 'electron') return undefined
  const r = await api.call('dialog.chooseFolder', {})
  return r.folder
}
