/**
 * Default code colours: Paul Tol's "muted" and "bright" qualitative schemes, chosen because they stay
 * distinguishable for readers with the common forms of colour-blindness and in greyscale print.
 */
export const CODE_PALETTE: readonly string[] = [
  '#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#cc6677', '#882255', '#aa4499',
  '#4477aa', '#66ccee', '#228833', '#ccbb44', '#ee6677', '#aa3377', '#bbbbbb',
];

export function paletteColor(index: number): string {
  return CODE_PALETTE[((index % CODE_PALETTE.length) + CODE_PALETTE.length) % CODE_PALETTE.length]!;
}
