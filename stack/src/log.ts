/** Progress lines of the launcher: short, one per step, on stdout. */
export function step(message: string): void {
  console.log(`» ${message}`);
}

export function done(message: string): void {
  console.log(`✓ ${message}`);
}
