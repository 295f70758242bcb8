// Runs the `sheaf` command in-process and collects what it printed, for the CLI tests.
import { runCli } from '../../src-main/cli/main'

export type SheafRun = { code: number; out: string; err: string }

export async function sheaf(...argv: string[]): Promise<SheafRun> {
  let out = ''
  let err = ''
  const code = await runCli(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false })
  return { code, out, err }
}

/** The arguments every season command takes: the form (a pack's id or folder), the period, the unit list. */
export function seasonArgs(units: string, period = '2025-Y', template = 'child-work-2025'): string[] {
  return ['--template', template, '--period', period, '--units', units]
}
