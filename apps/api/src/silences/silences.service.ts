import { parseDuration } from '@promwall/core/duration';
import type { silenceRequest } from '@promwall/core/schemas';
import type { z } from 'zod';
import { ApiError } from '../http/errors.ts';
import { UpstreamError, type UpstreamAnswer, type UpstreamClient } from '../upstream/upstream.client.ts';

export type NewSilence = z.output<typeof silenceRequest>;

/**
 * Silences in Alertmanager, through its v2 API
 * (https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml): the one thing
 * Promwall writes anywhere. `onChange` runs after every write, so that the next alerts answer
 * shows it.
 */
export class SilencesService {
  constructor(
    private readonly alertmanager: UpstreamClient,
    private readonly onChange: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a silence from now for its duration, in the name of `author`; its id. */
  async create({ matchers, duration, comment }: NewSilence, author: string): Promise<string> {
    const startsAt = this.now();
    const answer = await this.alertmanager.send({
      method: 'POST',
      path: '/api/v2/silences',
      endpoint: 'silences',
      body: {
        matchers,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + parseDuration(duration)!).toISOString(),
        createdBy: author,
        comment,
      },
    });
    this.onChange();
    const id = (jsonOf(answer) as { silenceID?: unknown } | undefined)?.silenceID;
    if (answer.status === 200 && typeof id === 'string') return id;
    throw this.failure(answer);
  }

  /** Ends a silence now. */
  async expire(id: string): Promise<void> {
    const answer = await this.alertmanager.send({
      method: 'DELETE',
      path: `/api/v2/silence/${encodeURIComponent(id)}`,
      endpoint: 'silence',
    });
    this.onChange();
    if (answer.status !== 200) throw this.failure(answer);
  }

  /** Alertmanager's refusal in its own words: a 400 is the request's fault, a 404 no such silence. */
  private failure(answer: UpstreamAnswer): Error {
    const said = jsonOf(answer);
    const words = (typeof said === 'string' ? said : answer.text).trim().slice(0, 300);
    const name = this.alertmanager.name;
    if (answer.status === 400 || answer.status === 422) {
      return new ApiError(400, 'bad_request', `${name} refused the silence: ${words || `HTTP ${answer.status}`}`);
    }
    // Alertmanager before 0.27 says so with a 500.
    if (answer.status === 404 || words === 'silence not found') {
      return new ApiError(404, 'not_found', `${name} has no such silence`);
    }
    return new UpstreamError(
      'bad_response',
      502,
      'upstream_failed',
      `${name} failed: ${words || `HTTP ${answer.status}`}`,
    );
  }
}

function jsonOf({ text }: UpstreamAnswer): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
