import type { RequestHandler } from 'express';
import { ApiError } from './errors.ts';

export type HostRefusalReason = 'host' | 'duplicate_host' | 'absolute_target';

/** The name in a Host header, without its port, lowercased, without a trailing dot. */
export function hostName(header: string): string {
  const text = header.trim().toLowerCase();
  const name = text.startsWith('[') ? text.slice(0, text.indexOf(']') + 1) : text.replace(/:\d*$/, '');
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Whether `name` is one of `allowed`: a name, or `*.suffix` for any name below the suffix. */
export function isAllowedHost(name: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) =>
    pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1 : name === pattern,
  );
}

export interface HostCheckOptions {
  /** Names answered, `*.suffix` patterns included; undefined answers any. */
  allowed: readonly string[] | undefined;
  /** Paths answered whatever the Host: the probes, which address a replica by its IP. */
  exempt: readonly string[];
  onReject: (reason: HostRefusalReason) => void;
}

/**
 * Answers only requests addressed to Promwall by one of its names (server.allowedHosts). A page
 * on an attacker's name that resolves to Promwall's address (DNS rebinding) is the browser's
 * same origin, and could read every answer; its requests carry the attacker's name, and get 421.
 * Two Host headers, or an absolute request target, could make parts of the chain disagree on the
 * name: both are refused.
 */
export function hostCheck({ allowed, exempt, onReject }: HostCheckOptions): RequestHandler {
  const exempted = new Set(exempt);
  return (req, _res, next) => {
    let hosts = 0;
    for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') hosts++;
    if (hosts > 1) {
      onReject('duplicate_host');
      throw new ApiError(400, 'bad_request', 'more than one Host header');
    }
    if (!req.url.startsWith('/')) {
      onReject('absolute_target');
      throw new ApiError(400, 'bad_request', 'the request target must be a path');
    }
    if (allowed === undefined || exempted.has(req.path)) {
      next();
      return;
    }
    if (!isAllowedHost(hostName(req.headers.host ?? ''), allowed)) {
      onReject('host');
      throw new ApiError(
        421,
        'misdirected_request',
        'this Promwall does not answer for that host name; an operator adds it to server.allowedHosts',
      );
    }
    next();
  };
}
