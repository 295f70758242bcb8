// Figures read from their stored text while a batch is imported, kept for the report that follows in
// the same run: the import has time on this thread while the read pool works on the next file, the
// report has none. A kept list is handed out only for the very text and source it was read from, so a
// submission stored again, reassigned or renumbered meanwhile is read anew. The import only adds
// submissions: once it has ended (`seal`), a database that nothing has written to since still holds
// every kept text, and the texts are not compared one by one.
import type { SheafDb } from './connection'
import type { Contribution, SubmissionOrigin } from '../core/merge/consolidation'
import { TextTable } from './scan-figures'
import { contributionsOf } from './submissions'

export type KeptFigures = Readonly<{
  text: string
  source: SubmissionOrigin
  figures: readonly Contribution[]
}>

export class FigureCache {
  private readonly kept = new Map<number, KeptFigures>()
  /** texts shared by every figure read through this cache */
  readonly texts = new TextTable()

  /** the database's write stamp when the import that kept the texts ended; null while it goes on */
  private sealed: string | null = null

  /** Reads a submission's stored figures text now and keeps the figures; null when it is damaged. */
  remember(submissionId: number, text: string, source: SubmissionOrigin): readonly Contribution[] | null {
    this.sealed = null
    const figures = contributionsOf(text, source, this.texts)
    if (figures) this.kept.set(submissionId, { text, source, figures })
    return figures
  }

  /** Says that the import that kept the texts has ended: each kept text is the stored one now. */
  seal(db: SheafDb): void {
    this.sealed = db.writeStamp()
  }

  /** Whether nothing was written to the database since `seal`: then every kept text is still stored. */
  unchangedSince(db: SheafDb): boolean {
    return this.sealed !== null && this.sealed === db.writeStamp()
  }

  /**
   * What is kept for this submission if it was read with the same source: its figures, to be used
   * only once the stored text is found to be the same as `text`.
   */
  candidate(submissionId: number, source: SubmissionOrigin): KeptFigures | undefined {
    const k = this.kept.get(submissionId)
    const same =
      k !== undefined &&
      k.source.unit === source.unit &&
      k.source.fileName === source.fileName &&
      k.source.version === source.version
    return same ? k : undefined
  }

  get size(): number {
    return this.kept.size
  }
}
