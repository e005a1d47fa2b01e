/** A time as a `datetime-local` input takes it: local wall-clock time without a zone. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  return new Date(ms - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
