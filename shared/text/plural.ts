/** "1 coding", "2,417 codings": a count with its noun, the number grouped as in en-GB. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
