/** True when `url` answers 2xx within a second (and its body passes `check`, when given). */
export async function httpReady(url: string, check?: (body: string) => boolean): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  if (!response.ok) return false;
  return check ? check(await response.text()) : (await response.body?.cancel(), true);
}
