import { useCallback, useState, type RefCallback } from 'react';

/**
 * A panel's width in whole pixels and whether it has come near the screen. A board of a hundred
 * panels then asks only for the ones a viewer scrolls to; a panel once seen stays live.
 */
export function usePanelBox<T extends HTMLElement>(): [RefCallback<T>, { width: number; seen: boolean }] {
  const [width, setWidth] = useState(0);
  const [seen, setSeen] = useState(false);

  const ref = useCallback<RefCallback<T>>((element) => {
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined' || typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const resize = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    const intersection = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setSeen(true);
          intersection.disconnect();
        }
      },
      { rootMargin: '300px 0px' },
    );
    resize.observe(element);
    intersection.observe(element);
    return () => {
      resize.disconnect();
      intersection.disconnect();
    };
  }, []);

  return [ref, { width, seen }];
}
