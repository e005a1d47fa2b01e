import type { RequestHandler } from 'express';
import { toErrorBody } from './errors.ts';

export type HostRefusalReason = 'host' | 'duplicate_host' | 'absolute_target';

/** Probes address a replica by its IP, whatever name users reach it by; these reveal nothing. */
const PROBES = new Set(['/healthz', '/readyz']);

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

/**
 * Answers only requests addressed to Promwall by one of its names (server.allowedHosts). A page
 * on an attacker's name that resolves to Promwall's address (DNS rebinding) is the browser's
 * same origin, and could read every answer; its requests carry the attacker's name, and get 421.
 * Two Host headers, or an absolute request target, could make parts of the chain disagree on the
 * name: both are refused. `undefined` answers any name.
 */
export function hostCheck(
  allowed: readonly string[] | undefined,
  onReject: (reason: HostRefusalReason) => void,
): RequestHandler {
  return (req, res, next) => {
    let hosts = 0;
    for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') hosts++;
    if (hosts > 1) {
      onReject('duplicate_host');
      res.status(400).json(toErrorBody('bad_request', 'more than one Host header'));
      return;
    }
    if (!req.url.startsWith('/')) {
      onReject('absolute_target');
      res.status(400).json(toErrorBody('bad_request', 'the request target must be a path'));
      return;
    }
    if (allowed === undefined || PROBES.has(req.path)) {
      next();
      return;
    }
    if (!isAllowedHost(hostName(req.headers.host ?? ''), allowed)) {
      onReject('host');
      res
        .status(421)
        .json(
          toErrorBody(
            'misdirected_request',
            'this Promwall does not answer for that host name; an operator adds it to server.allowedHosts',
          ),
        );
      return;
    }
    next();
  };
}
