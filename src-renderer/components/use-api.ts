// Loads a channel's data for a screen and reloads it when the data of the period changes.
import { useCallback, useEffect, useState } from 'react'
import type { ApiRequest, ApiResponse, Channel } from '../../src-main/shared/api-contract'
import type { Localized } from '../../src-main/shared/localized'
import { api, errorText } from '../api/client'
import { useSession } from './session'

export type Query<T> = Readonly<{
  data: T | null
  error: Localized | null
  loading: boolean
  reload: () => void
}>

export function useApiQuery<C extends Channel>(
  channel: C,
  request: ApiRequest<C> | null,
): Query<ApiResponse<C>> {
  const { dataVersion } = useSession()
  const [data, setData] = useState<ApiResponse<C> | null>(null)
  const [error, setError] = useState<Localized | null>(null)
  const [loading, setLoading] = useState(false)
  const [tick, setTick] = useState(0)
  const key = JSON.stringify(request)
  useEffect(() => {
    if (request === null) {
      setData(null)
      return
    }
    let live = true
    setLoading(true)
    api
      .call(channel, request)
      .then((v) => {
        if (!live) return
        setData(v)
        setError(null)
      })
      .catch((e: unknown) => {
        if (live) setError(errorText(e))
      })
      .finally(() => {
        if (live) setLoading(false)
      })
    return () => {
      live = false
    }
    // the request is compared by value through `key`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key, tick, dataVersion])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
}
