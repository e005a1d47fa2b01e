import { MAX_LABEL_VALUE_LENGTH } from '@promwall/core/labels';
import type { Request } from 'express';
import { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * Parses a request's query string against a strict schema (built once, with z.strictObject:
 * building schemas per request is costly): unknown parameters, repeated ones (`?job=a&job=b`
 * arrives as an array) and wrong types are a 400 naming the parameter.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.query);
  if (result.success) return result.data as z.infer<S>;
  const issue = result.error.issues[0]!;
  const name = issue.path.length > 0 ? String(issue.path[0]) : undefined;
  if (issue.code === 'unrecognized_keys') {
    throw new ApiError(400, 'bad_request', `unknown parameter: ${issue.keys.slice(0, 3).join(', ').slice(0, 200)}`);
  }
  const repeated = name !== undefined && Array.isArray((req.query as Record<string, unknown>)[name]);
  throw new ApiError(
    400,
    'bad_request',
    repeated ? `${name}: given more than once` : `${name ?? 'query'}: ${issue.message}`,
  );
}

/** A label value used as a filter: one line of well-formed text of sane length. */
export const filterValue = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_LABEL_VALUE_LENGTH, `must be at most ${MAX_LABEL_VALUE_LENGTH} characters`)
  .refine((value) => value.isWellFormed(), 'must be well-formed Unicode');

/** For endpoints that take no parameters: any parameter is a 400, so typos are not silent. */
export const noParams = z.strictObject({});

/** The latest time Date can print in four-digit years. */
/** What a time parameter must be, said the same wherever one is refused. */
export const TIME_MESSAGE = 'must be an ISO 8601 time with its zone, such as 2026-11-22T10:00:00Z';

const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function parseTime(text: string): number {
  const match = RFC_3339.exec(text);
  if (!match) return Number.NaN;
  // Date.parse rolls 2026-02-31 over into March; a date that does not exist is refused.
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return Number.NaN;
  return Date.parse(text);
}

/** A point in time, as ISO 8601 with its zone (`2026-11-21T12:00:00Z`) like every time in `/api/v1`, in ms. */
export const timeParam = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const ms = parseTime(text);
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIME_MS) {
      ctx.addIssue({ code: 'custom', message: TIME_MESSAGE });
      return z.NEVER;
    }
    return ms;
  });
