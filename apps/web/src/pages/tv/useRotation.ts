import { useEffect, useState } from 'react';

/** The index of the page a rotating wall shows, moving on every `intervalMs` (0: stays on the first). */
export function useRotation(count: number, intervalMs: number): number {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (intervalMs <= 0 || count < 2) return;
    const timer = setInterval(() => setIndex((current) => (current + 1) % count), intervalMs);
    return () => clearInterval(timer);
  }, [count, intervalMs]);
  return count > 0 ? index % count : 0;
}
