// When two figures are the same figure: the engine's checks and merge and the database's comparison
// of two versions use this one tolerance.

/** Compare with a small relative tolerance (1e-9): 7.000000000000001 equals 7. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}
