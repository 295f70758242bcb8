// Opt-in stage timings for the benchmark (`SHEAF_TIMINGS=1`): how long each stage of a command took
// and how often progress was reported, printed as one JSON line on stderr when the command ends.
import { sheafEnv } from '../services/sheaf-env'
export type StageTimings = {
  /** runs `fn` as the named stage, adding its duration */
  stage<T>(name: string, fn: () => T): T
  /** records a progress event (for the cadence the window would see) */
  progress(): void
  /** the JSON line */
  report(extra?: Record<string, unknown>): string
}

export function stageTimingsFromEnv(env: NodeJS.ProcessEnv): StageTimings | null {
  return sheafEnv(env).SHEAF_TIMINGS === '1' ? createStageTimings() : null
}

export function createStageTimings(now: () => number = () => performance.now()): StageTimings {
  const started = now()
  const stages: Record<string, number> = {}
  const events: number[] = []
  const add = (name: string, t0: number): void => {
    stages[name] = (stages[name] ?? 0) + (now() - t0)
  }
  return {
    stage<T>(name: string, fn: () => T): T {
      const t0 = now()
      const r = fn()
      if (r instanceof Promise) return r.finally(() => add(name, t0)) as T
      add(name, t0)
      return r
    },
    progress() {
      events.push(now())
    },
    report(extra = {}) {
      const gaps = events
        .slice(1)
        .map((t, i) => t - (events[i] as number))
        .sort((a, b) => a - b)
      const round = (x: number): number => Math.round(x * 10) / 10
      const ms: Record<string, number> = {}
      for (const [k, v] of Object.entries(stages)) ms[k] = round(v)
      return JSON.stringify({
        sheafTimings: {
          stagesMs: ms,
          totalMs: round(now() - started),
          progress: {
            events: events.length,
            maxGapMs: round(gaps[gaps.length - 1] ?? 0),
            p95GapMs: round(gaps[Math.floor(gaps.length * 0.95)] ?? 0),
          },
          maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
          ...extra,
        },
      })
    },
  }
}
