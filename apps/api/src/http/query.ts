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
