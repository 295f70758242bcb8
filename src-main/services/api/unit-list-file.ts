// The unit list as the clerk gives it (CSV in any of Excel's Vietnamese guises, or .xlsx), read by
// the engine's parser; one name here so the handlers do not depend on where the parser lives.
export { parseUnitList as parseUnitListBytes } from '../../core/units/parse-unit-list'
