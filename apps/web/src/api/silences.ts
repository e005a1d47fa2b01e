import type { SilenceCreated, SilenceRequest } from '@promwall/core/schemas';
import { fetchJson } from './client.ts';

const TIMEOUT_MS = 15_000;

/** Silences alerts in Alertmanager (admin tokens): `POST /api/v1/silences`; its id. */
export async function createSilence(silence: SilenceRequest): Promise<string> {
  const created = await fetchJson<SilenceCreated>('/api/v1/silences', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(silence),
    timeoutMs: TIMEOUT_MS,
  });
  return created.id;
}

/** Ends a silence now: `DELETE /api/v1/silences/{id}`. */
export function expireSilence(id: string): Promise<void> {
  return fetchJson<void>(`/api/v1/silences/${encodeURIComponent(id)}`, { method: 'DELETE', timeoutMs: TIMEOUT_MS });
}
