import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { formatDuration, parseDuration } from '@promwall/core/duration';
import { findPromQLSyntaxError } from '@promwall/core/promql';
import { z } from 'zod';

// The kinds of value the configuration holds, each with a message a person can act on.

/** An http(s) base URL; `purpose` completes the message when it is missing. */
export const httpUrl = (purpose: string) =>
  z
    .url({
      protocol: /^https?$/,
      error: (issue) => (issue.input === undefined ? `is required (${purpose})` : 'must be an http:// or https:// URL'),
    })
    // Callers append API paths to the base, so a trailing slash would double up.
    .transform((url) => url.replace(/\/+$/, ''));

/** true or false in the file; the same, or 1/0, yes/no, on/off, from the environment. */
export const flag = z.union([z.boolean(), z.stringbool()], { error: 'must be true or false' });

/** A PostgreSQL connection URL; it holds a password, so it never appears in a message. */
export const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'must be a postgresql:// URL, e.g. postgresql://promwall:secret@db.example:5432/promwall',
});

const DURATION = 'must be a duration such as 10s';

/**
 * A Prometheus duration (`10s`, `1h30m`) in the file and the environment, milliseconds once
 * parsed; with `off`, `0s` turns the feature off whatever the lower bound.
 */
export const duration = ({ min = 1, max, off = false }: { min?: number; max: number; off?: boolean }) => {
  const bounds = `${min > 1 ? `from ${formatDuration(min)} to` : 'at most'} ${formatDuration(max)}${off ? ', or 0s for off' : ''}`;
  return z.string({ error: DURATION }).transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === 0 && off) return 0;
    if (ms === undefined || ms < min || ms > max) {
      ctx.addIssue({ code: 'custom', message: `${DURATION}, ${bounds}` });
      return z.NEVER;
    }
    return ms;
  });
};

const PORT = 'must be an integer from 0 to 65535';

/** Environment values are text: a port is coerced, and 0 lets the system pick one. */
export const port = z.coerce.number({ error: PORT }).int(PORT).min(0, PORT).max(65_535, PORT);

/** PromQL that lezer-promql parses, or a message giving where and why it does not. */
export const promql = z
  .string()
  .max(4096)
  .superRefine((query, ctx) => {
    const problem = findPromQLSyntaxError(query);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `not valid PromQL at ${problem.line}:${problem.column} (${problem.reason})`,
      });
    }
  });

/** A threshold: both of warning and critical are needed, so a missing one is named. */
const level = z.number({
  error: (issue) => (issue.input === undefined ? 'is required: give both warning and critical' : 'must be a number'),
});

export const thresholds = z
  .strictObject({ warning: level, critical: level })
  .refine((t) => t.warning <= t.critical, { message: 'warning must not be above critical' });

/** Alert rules by name, as Prometheus names them (as it names metrics). */
export const alertNames = z
  .array(z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be an alert rule’s name, e.g. HighCPUUsage'))
  .max(10);

const headerName = /^[A-Za-z0-9-]{1,64}$/;
// Headers Promwall sets itself; a configured value would be overwritten or break the request.
const reservedHeaders = ['host', 'content-length', 'transfer-encoding', 'connection', 'authorization', 'cookie'];

export const headers = z
  .record(
    z.string().regex(headerName, 'header names are letters, digits and dashes'),
    z
      .string()
      .max(4096)
      .regex(/^[^\r\n]*$/, 'header values are one line'),
  )
  .refine((given) => Object.keys(given).every((name) => !reservedHeaders.includes(name.toLowerCase())), {
    message: `may not set ${reservedHeaders.join(', ')} (use basicAuth or bearerToken)`,
  });

/**
 * A URL path below a server's root, without a trailing slash: `''` or `/seg(/seg)*`, segments of
 * unreserved URL characters; a segment of dots alone would be resolved away by browsers and proxies.
 */
export const urlPath = (example: string) =>
  z
    .string()
    .regex(/^(\/(?!\.+(\/|$))[A-Za-z0-9._~-]+)*\/?$/, `must be empty or a path such as ${example}`)
    .transform((text) => text.replace(/\/+$/, ''));

/** A folder, resolved against the working directory when relative. */
export const folder = z
  .string()
  .min(1)
  .transform((dir) => path.resolve(dir));

/**
 * The text of a file, read once at start; relative paths are taken from the working directory.
 * Problems name the file and the system's error code, never a byte of what it holds.
 */
const fileText = (check?: (text: string) => string | undefined) =>
  z
    .string()
    .min(1)
    .transform((file, ctx) => {
      let text: string;
      try {
        text = readFileSync(path.resolve(file), 'utf8');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `cannot read ${file} (${(error as NodeJS.ErrnoException).code})` });
        return z.NEVER;
      }
      const problem = check?.(text);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${file} ${problem}` });
        return z.NEVER;
      }
      return text;
    });

/**
 * A secret kept in a file (`bearerTokenFile`, `PROMETHEUS_BEARER_TOKEN_FILE`), as container
 * platforms mount them, so that it need not sit in the environment. The line end that editors and
 * `echo` leave is dropped.
 */
export const secretFile = fileText((text) => (text.trim() === '' ? 'is empty' : undefined)).transform((text) =>
  text.replace(/\r?\n$/, ''),
);

/** A secret given inline or as a file, not both: the value Promwall uses, or undefined. */
export function oneSecret(
  ctx: z.RefinementCtx,
  inline: string | undefined,
  file: string | undefined,
  key: string,
): string | undefined {
  if (inline !== undefined && file !== undefined) {
    ctx.addIssue({ code: 'custom', path: [`${key}File`], message: `set ${key} or ${key}File, not both` });
  }
  return inline ?? file;
}

const pemFile = fileText((text) => (text.includes('-----BEGIN ') ? undefined : 'is not a PEM file'));

/** The TLS options of node:tls and undici that Promwall passes on. */
export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
}

/**
 * TLS to an upstream: a private CA, a client certificate, the name to verify. Verification is
 * turned off only by name (`insecureSkipVerify: true`), never by leaving something out.
 */
export const upstreamTls = z
  .strictObject({
    /** CA certificates (PEM) trusted for the upstream, instead of the system's. */
    caFile: pemFile.optional(),
    /** A client certificate and its key (PEM), for upstreams that ask for one. */
    certFile: pemFile.optional(),
    keyFile: pemFile.optional(),
    /** The name the upstream's certificate must hold, when the URL names it otherwise (an IP). */
    serverName: z
      .string()
      .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, 'must be a DNS name')
      .optional(),
    insecureSkipVerify: z.boolean().default(false),
  })
  .transform(({ caFile, certFile, keyFile, serverName, insecureSkipVerify }, ctx): TlsOptions => {
    if ((certFile === undefined) !== (keyFile === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'set certFile and keyFile together' });
      return z.NEVER;
    }
    const options: TlsOptions = {
      ...(caFile ? { ca: caFile } : {}),
      ...(certFile ? { cert: certFile, key: keyFile } : {}),
      ...(serverName ? { servername: serverName } : {}),
      rejectUnauthorized: !insecureSkipVerify,
    };
    try {
      // What would otherwise fail on the first request, at an odd moment: a key that is not the
      // certificate's, a PEM file that does not parse.
      createSecureContext(options);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `the TLS files do not load: ${(error as Error).message}` });
      return z.NEVER;
    }
    return options;
  });

/** Environment text is a list separated by commas; the file may give a YAML list. */
const commaList = (value: unknown) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value);

/** Host names a request may name in its Host header: DNS names, `*.` and a suffix, IPs. */
export const hostNames = z.preprocess(
  commaList,
  z
    .array(
      z
        .string()
        .max(253)
        .regex(
          /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$|^\[[0-9A-Fa-f:.]+\]$/,
          'must be a host name such as promwall.example.com, *.example.com, an IPv4 address or [an IPv6 address]',
        )
        .transform((host) => host.toLowerCase()),
    )
    .min(1)
    .max(64),
);

/** A proxy address for Express's `trust proxy`: an IP address, a CIDR range, or a range proxy-addr names. */
const proxyAddress = z.string().refine((text) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(text)) return true;
  const [address = '', bits, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}, 'must be an IP address, a CIDR range, loopback, linklocal or uniquelocal');

const TRUST_PROXY = 'must be false, a hop count from 1 to 16, or proxy addresses separated by commas';

/** Express's `trust proxy`: false, a count of proxy hops in front of Promwall, or the proxies' addresses. */
export const trustProxy = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    if (text === 'false') return false;
    return /^\d+$/.test(text) ? Number(text) : commaList(text);
  },
  z.union([z.literal(false), z.number().int().min(1).max(16), z.array(proxyAddress).min(1).max(64)], {
    error: TRUST_PROXY,
  }),
);
