// The number formats of an OpenDocument file's data styles (number:date-style, number:number-style…),
// turned into format strings exactly as SheetJS's parse_ods_styles turns them, quirks included (a
// month's `number:textual` attribute counts when present, whatever its value).
import { fill, tagAttrs, tagRegex, unescape, xmlBool } from './xml-tags'
import type { Attrs } from './xml-tags'

function commaify(s: string): string {
  const w = 3
  if (s.length <= w) return s
  let j = s.length % w
  let o = s.substring(0, j)
  for (; j !== s.length; j += w) o += (o.length > 0 ? ',' : '') + s.substring(j, j + w)
  return o
}

/** Adds the data styles found in `str` to `map` (style name -> format string), as SheetJS does. */
export function readNumberStyles(str: string, map: Map<string, string>): void {
  const re = tagRegex()
  let Rn: RegExpExecArray | null
  let NFtag: Attrs = Object.create(null) as Attrs
  let NF = ''
  let tidx = -1
  let etpos = 0
  while ((Rn = re.exec(str))) {
    const whole = Rn[0]
    const closing = Rn[1] === '/'
    const selfClosing = whole.charAt(whole.length - 2) === '/'
    const name = Rn[3]!.replace(/_[\s\S]*$/, '')
    let y: Attrs
    switch (name) {
      case 'number-style':
      case 'currency-style':
      case 'percentage-style':
      case 'date-style':
      case 'time-style':
      case 'text-style':
        if (closing) {
          if (NFtag['truncate-on-overflow'] === 'false') {
            if (/h/.test(NF)) NF = NF.replace(/h+/, '[$&]')
            else if (/m/.test(NF)) NF = NF.replace(/m+/, '[$&]')
            else if (/s/.test(NF)) NF = NF.replace(/s+/, '[$&]')
          }
          map.set(String(NFtag.name), NF)
          NF = ''
        } else if (!selfClosing) {
          NF = ''
          NFtag = tagAttrs(whole)
        }
        break
      case 'boolean-style':
        if (closing) {
          map.set(String(NFtag.name), 'General')
          NF = ''
        } else if (!selfClosing) {
          NF = ''
          NFtag = tagAttrs(whole)
        }
        break
      case 'boolean':
        NF += 'General'
        break
      case 'text':
        if (closing) {
          const payload = str.slice(tidx, re.lastIndex - whole.length)
          if (payload === '%' && NFtag[0] === '<number:percentage-style') NF += '%'
          else NF += '"' + payload.replace(/"/g, '""') + '"'
        } else if (!selfClosing) tidx = re.lastIndex
        break
      case 'day':
        y = tagAttrs(whole)
        NF += y.style === 'short' ? 'd' : 'dd'
        break
      case 'day-of-week':
        y = tagAttrs(whole)
        NF += y.style === 'long' ? 'dddd' : 'ddd'
        break
      case 'era':
        y = tagAttrs(whole)
        NF += y.style === 'short' ? 'ee' : 'eeee'
        break
      case 'hours':
        y = tagAttrs(whole)
        NF += y.style === 'short' ? 'h' : 'hh'
        break
      case 'minutes':
        y = tagAttrs(whole)
        NF += y.style === 'short' ? 'm' : 'mm'
        break
      case 'month':
        y = tagAttrs(whole)
        if (y.textual) NF += 'mm'
        NF += y.style === 'long' ? 'mm' : 'm'
        break
      case 'seconds':
        y = tagAttrs(whole)
        NF += y.style === 'short' ? 's' : 'ss'
        if (y['decimal-places']) NF += '.' + fill('0', +y['decimal-places'])
        break
      case 'year':
        y = tagAttrs(whole)
        NF += y.style === 'long' ? 'yyyy' : 'yy'
        break
      case 'am-pm':
        NF += 'AM/PM'
        break
      case 'fill-character':
        if (closing) {
          const payload = str.slice(tidx, re.lastIndex - whole.length)
          NF += '"' + payload.replace(/"/g, '""') + '"*'
        } else if (!selfClosing) tidx = re.lastIndex
        break
      case 'scientific-number':
        y = tagAttrs(whole)
        NF +=
          '0.' +
          fill('0', +(y['min-decimal-places'] ?? NaN) || +(y['decimal-places'] ?? NaN) || 2) +
          fill('?', +(y['decimal-places'] ?? NaN) - +(y['min-decimal-places'] ?? NaN) || 0) +
          'E' +
          (xmlBool(y['forced-exponent-sign']) ? '+' : '') +
          fill('0', +(y['min-exponent-digits'] ?? NaN) || 2)
        break
      case 'fraction':
        y = tagAttrs(whole)
        if (!+(y['min-integer-digits'] ?? NaN)) NF += '#'
        else NF += fill('0', +(y['min-integer-digits'] ?? NaN))
        NF += ' '
        NF += fill('?', +(y['min-numerator-digits'] ?? NaN) || 1)
        NF += '/'
        if (+(y['denominator-value'] ?? NaN)) NF += y['denominator-value']
        else NF += fill('?', +(y['min-denominator-digits'] ?? NaN) || 1)
        break
      case 'currency-symbol':
        if (closing) NF += '"' + str.slice(tidx, re.lastIndex - whole.length).replace(/"/g, '""') + '"'
        else if (!selfClosing) tidx = re.lastIndex
        else NF += '$'
        break
      case 'text-properties': {
        y = tagAttrs(whole)
        const color = (y.color || '').toLowerCase().replace('#', '')
        if (color === 'ff0000' || color === 'red') NF = '[Red]' + NF
        break
      }
      case 'text-content':
        NF += '@'
        break
      case 'map':
        y = tagAttrs(whole)
        // any other condition: SheetJS only logs it, the format goes on unchanged
        if (unescape(y.condition ?? 'undefined') === 'value()>=0')
          NF = String(map.get(String(y['apply-style-name']))) + ';' + NF
        break
      case 'number': {
        if (closing) break
        y = tagAttrs(whole)
        let tNF = fill('0', +(y['min-integer-digits'] ?? NaN) || 1)
        if (xmlBool(y.grouping)) tNF = commaify(fill('#', Math.max(0, 4 - tNF.length)) + tNF)
        if (+(y['min-decimal-places'] ?? NaN) || +(y['decimal-places'] ?? NaN)) tNF += '.'
        if (+(y['min-decimal-places'] ?? NaN)) tNF += fill('0', +(y['min-decimal-places'] ?? NaN) || 1)
        const more = +(y['decimal-places'] ?? NaN) - (+(y['min-decimal-places'] ?? NaN) || 0)
        if (more) tNF += fill('0', more)
        NF += tNF
        break
      }
      case 'embedded-text':
        if (closing) {
          const text = '"' + str.slice(tidx, re.lastIndex - whole.length).replace(/"/g, '""') + '"'
          if (etpos === 0) NF += text
          else NF = NF.slice(0, etpos) + text + NF.slice(etpos)
        } else if (!selfClosing) {
          tidx = re.lastIndex
          etpos = -+(tagAttrs(whole).position ?? NaN) || 0
        }
        break
    }
  }
}
