// Opt-in stage timings for the benchmark (`SHEAF_TIMINGS=1`): how long each stage of a command took
// and how often progress was reported, printed as one JSON line on stderr when the command ends.
import fs from 'node:fs'
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

/** CPU time so far in ms: the whole process's (every thread), and the main thread's where the system says. */
type Cpu = Readonly<{ all: number; main: number | null }>

/** The main thread's CPU time in ms from Linux's `/proc` (in clock ticks, 10 ms), else null. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'latin1')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime, the 14th and 15th fields of the line (the 12th and 13th after the name)
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

function cpuNow(): Cpu {
  const u = process.cpuUsage()
  return { all: (u.user + u.system) / 1000, main: mainThreadCpuMs() }
}

export function createStageTimings(
  now: () => number = () => performance.now(),
  cpu: () => Cpu = cpuNow,
): StageTimings {
  const started = now()
  const stages: Record<string, number> = {}
  const cpuAll: Record<string, number> = {}
  const cpuMain: Record<string, number> = {}
  const events: number[] = []
  const add = (name: string, t0: number, c0: Cpu): void => {
    stages[name] = (stages[name] ?? 0) + (now() - t0)
    const c = cpu()
    cpuAll[name] = (cpuAll[name] ?? 0) + (c.all - c0.all)
    if (c.main !== null && c0.main !== null) cpuMain[name] = (cpuMain[name] ?? 0) + (c.main - c0.main)
  }
  return {
    stage<T>(name: string, fn: () => T): T {
      const t0 = now()
      const c0 = cpu()
      const r = fn()
      if (r instanceof Promise) return r.finally(() => add(name, t0, c0)) as T
      add(name, t0, c0)
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
      const rounded = (o: Record<string, number>): Record<string, number> =>
        Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]))
      return JSON.stringify({
        sheafTimings: {
          stagesMs: rounded(stages),
          // CPU time in each stage: every thread's, and the main thread's (Linux only)
          stagesCpuMs: rounded(cpuAll),
          ...(Object.keys(cpuMain).length > 0 ? { stagesMainCpuMs: rounded(cpuMain) } : {}),
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
