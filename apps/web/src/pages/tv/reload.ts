const PROBE_TIMEOUT_MS = 10_000;
let reloading = false;

/**
 * Reloads the page, but only once the server answers for it: a reload while Promwall is down
 * would replace the last values with the browser's error page, which never retries.
 * Resolves false when it did not reload (try again later).
 */
export async function reloadWhenServed(): Promise<boolean> {
  if (reloading) return true;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    const response = await fetch(window.location.href, { cache: 'no-store', signal: controller.signal });
    if (!response.ok) return false;
    reloading = true;
    window.location.reload();
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
