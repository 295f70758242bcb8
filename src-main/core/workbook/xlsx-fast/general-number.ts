// The text SheetJS gives a number in the General format (its SSF_general_num, with the helpers it
// calls), so that the fast reader formats the common case without a call into the formatter or a
// lookup per cell. Whole numbers are simply `toString(10)`; the differential test holds the rest.

/** SheetJS's `o.replace(/(?:\.0*|(\.\d*[1-9])0+)$/, "$1")`: trailing zeros of a fraction dropped, without a regex. */
function stripDecimal(o: string): string {
  const dot = o.indexOf('.')
  if (dot === -1) return o
  let end = o.length
  for (let i = dot + 1; i < end; i++) {
    const c = o.charCodeAt(i)
    if (c < 48 || c > 57) return o
  }
  while (end > dot + 1 && o.charCodeAt(end - 1) === 48) end--
  if (end === dot + 1) end = dot
  return end === o.length ? o : o.slice(0, end)
}

function normalizeExp(o: string): string {
  if (o.indexOf('E') === -1) return o
  return o.replace(/(?:\.0*|(\.\d*[1-9])0+)[Ee]/, '$1E').replace(/(E[+-])(\d)$/, '$10$2')
}

/** exponent between -9 and 9 */
function smallExp(v: number): string {
  const w = v < 0 ? 12 : 11
  let o = stripDecimal(v.toFixed(12))
  if (o.length <= w) return o
  o = v.toPrecision(10)
  if (o.length <= w) return o
  return v.toExponential(5)
}

/** exponent of 11 and more, or -10 and less */
function largeExp(v: number): string {
  const o = stripDecimal(v.toFixed(11))
  return o.length > (v < 0 ? 12 : 11) || o === '0' || o === '-0' ? v.toPrecision(6) : o
}

/** Whether s, a number's shortest text, has no exponent and at most p significant digits. */
function fitsPrecision(s: string, p: number): boolean {
  let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0
  while (s.charCodeAt(i) === 48 /* 0 */ || s.charCodeAt(i) === 46 /* . */) i++
  let digits = 0
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 101 /* e */) return false
    if (c !== 46) digits++
  }
  return digits <= p
}

function generalFraction(v: number): string {
  if (!isFinite(v)) return isNaN(v) ? '#NUM!' : '#DIV/0!'
  const e = Math.floor(Math.log(Math.abs(v)) * Math.LOG10E)
  if (e >= -4 && e <= 9) {
    // Most fractions are short: their shortest text is what the branches below give. toPrecision(10 + e)
    // rounds the value's exact decimal expansion to 10 + e significant digits, within half a unit of
    // the shortest text when that text has no more digits (the double's own error is far smaller); so
    // does toFixed(12) below 4096, where half the double's spacing is under 0.5e-12. Both then read
    // as the shortest text once their trailing zeros are dropped.
    const s = v.toString()
    if (
      e <= -1
        ? fitsPrecision(s, 10 + e)
        : Math.abs(v) < 4096 && s.length <= (v < 0 ? 12 : 11) && !s.includes('e')
    )
      return s
  }
  let o: string
  if (e >= -4 && e <= -1) o = v.toPrecision(10 + e)
  else if (Math.abs(e) <= 9) o = smallExp(v)
  else if (e === 10) o = v.toFixed(10).slice(0, 12)
  else o = largeExp(v)
  return stripDecimal(normalizeExp(o.toUpperCase()))
}

/** A number as the General format shows it. */
export function generalNumber(v: number): string {
  return (v | 0) === v ? v.toString(10) : generalFraction(v)
}

/** Whether a format string is General to SheetJS (it starts with the word, in any letter case). */
export function isGeneralFormat(format: string): boolean {
  return format.length >= 7 && format.slice(0, 7).toLowerCase() === 'general'
}
