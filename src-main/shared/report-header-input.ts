// The report's header and signature texts as a clerk gives them (CLI options, the export screen):
// every field optional, a missing one taken from what the season remembers.
import { z } from 'zod'

const line = (max: number) => z.string().max(max)

export const reportHeaderInputSchema = z.object({
  /** legacy shorthand: `Lai Châu` gives the governing body and the place */
  province: line(200).optional(),
  governingBody: line(200).optional(),
  issuer: line(200).optional(),
  reportNo: line(100).optional(),
  place: line(100).optional(),
  date: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'Ngày phải có dạng YYYY-MM-DD (date as YYYY-MM-DD)' })
    .optional(),
  /** `GIÁM ĐỐC`, or two lines: `KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC` */
  signerTitle: line(200).optional(),
  signer: line(200).optional(),
  preparer: line(200).optional(),
  /** `Nơi nhận` lines separated by `;` or new lines */
  recipients: line(4000).optional(),
})
export type ReportHeaderInput = z.infer<typeof reportHeaderInputSchema>

/** The texts a season remembers, each as typed (what the export screen shows and edits). */
export type ReportHeaderTexts = Readonly<{
  governingBody: string
  issuer: string
  reportNo: string
  place: string
  /** `YYYY-MM-DD`, or '' for a date written by hand */
  date: string
  signerTitle: string
  signer: string
  preparer: string
  recipients: string
}>
