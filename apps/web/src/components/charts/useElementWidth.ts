import { useCallback, useState, type RefCallback } from 'react';

/**
 * The content width of an element in whole pixels, kept current by a ResizeObserver. It is 0
 * until the element is laid out. Use the returned callback as the `ref` of an element without
 * padding, so its content width is its width.
 */
export function useElementWidth<T extends HTMLElement>(): [RefCallback<T>, number] {
  const [width, setWidth] = useState(0);

  const ref = useCallback<RefCallback<T>>((element) => {
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    // React 19 calls a ref callback's cleanup when the element goes away.
    return () => observer.disconnect();
  }, []);

  return [ref, width];
}
