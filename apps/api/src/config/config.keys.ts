import { z } from 'zod';

/** A key of the configuration, with the environment variable declared beside it as `.meta({ env })`. */
export interface ConfigKey {
  /** Its path in the file, e.g. ['cache', 'ttl']. */
  path: readonly string[];
  /** Its schema, default included: a variable's text is parsed by it. */
  schema: z.ZodType;
  env: string | undefined;
}

/** Every key of an object schema and of the objects below it, in the schema's order. */
export function keysOf(schema: z.ZodType, path: readonly string[] = []): ConfigKey[] {
  const object = unwrapped(schema).find((layer) => layer instanceof z.ZodObject);
  if (!object) return [];
  return Object.entries(object.shape as Record<string, z.ZodType>).flatMap(([name, child]) => {
    const childPath = [...path, name];
    const env = unwrapped(child)
      .map((layer) => layer.meta()?.env)
      .find((value) => typeof value === 'string');
    return [{ path: childPath, schema: child, env }, ...keysOf(child, childPath)];
  });
}

/** The schema and the ones it wraps (optional, defaulted, transformed), outermost first. */
function unwrapped(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    return [schema, ...unwrapped(schema.unwrap() as z.ZodType)];
  }
  if (schema instanceof z.ZodPipe) return [schema, ...unwrapped(schema.in as z.ZodType)];
  return [schema];
}
