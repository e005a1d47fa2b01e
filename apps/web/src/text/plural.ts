const plurals = new Intl.PluralRules('en-US');

/** `1 alert`, `2 alerts`, `1,204 targets`: the count with its noun in the number it needs. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${plurals.select(count) === 'one' ? noun : plural}`;
}
