import { describe, expect, it } from 'vitest'
import { isChannel } from '../../src-main/shared/api-contract'
import { PRELOAD_ONLY_CHANNELS, pageMayInvoke } from '../../src-main/shared/ipc-channels'
import { pageInvoke } from '../../src-main/preload/page-invoke'

function recordingInvoke(): { calls: [string, unknown][]; raw: (c: string, r: unknown) => Promise<unknown> } {
  const calls: [string, unknown][] = []
  return {
    calls,
    raw: (channel, request) => {
      calls.push([channel, request])
      return Promise.resolve({ ok: true, value: 'from main' })
    },
  }
}

describe("the preload's generic invoke", () => {
  it('refuses dialog.holdDropped with forbidden: a path the page names never reaches the main process', async () => {
    const { calls, raw } = recordingInvoke()
    const reply = (await pageInvoke(raw)('dialog.holdDropped', { paths: ['/etc/passwd'] })) as {
      ok: boolean
      error?: { code: string; message: { vi: string; en: string } }
    }
    expect(reply.ok).toBe(false)
    expect(reply.error?.code).toBe('forbidden')
    expect(reply.error?.message.vi).toContain('dialog.holdDropped')
    expect(calls).toEqual([])
  })

  it('passes every other channel through unchanged', async () => {
    const { calls, raw } = recordingInvoke()
    expect(await pageInvoke(raw)('period.list', {})).toEqual({ ok: true, value: 'from main' })
    expect(await pageInvoke(raw)('dialog.openFiles', { folders: true })).toEqual({
      ok: true,
      value: 'from main',
    })
    expect(calls).toEqual([
      ['period.list', {}],
      ['dialog.openFiles', { folders: true }],
    ])
  })
})

describe('the channels only the preload may call', () => {
  it('are channels of the api contract, which the main process also refuses on the page invoke', () => {
    expect(PRELOAD_ONLY_CHANNELS).toContain('dialog.holdDropped')
    for (const c of PRELOAD_ONLY_CHANNELS) {
      expect(isChannel(c)).toBe(true)
      expect(pageMayInvoke(c)).toBe(false)
    }
    expect(pageMayInvoke('dialog.openFiles')).toBe(true)
    expect(pageMayInvoke(42)).toBe(false)
    expect(pageMayInvoke(undefined)).toBe(false)
  })
})
