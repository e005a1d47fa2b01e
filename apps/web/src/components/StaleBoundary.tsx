import { formatAge } from '@promwall/core/units';
import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { useNow } from '../hooks/useNow.ts';

/** What a stale panel tells its page: since when its values are old, and why when it knows. */
export interface StaleReport {
  updatedAt: number;
  /** E.g. "Prometheus unreachable". */
  reason: string | undefined;
}

type Report = (id: string, report: StaleReport | undefined) => void;

const StaleReportContext = createContext<Report | undefined>(undefined);

/**
 * Lets a panel inside a StaleBoundary leave the banner to its page: true when there is a boundary,
 * which then shows one banner for all its stale panels; false when the panel must show its own.
 */
export function useStaleReport(report: StaleReport | undefined): boolean {
  const send = useContext(StaleReportContext);
  const id = useId();
  const updatedAt = report?.updatedAt;
  const reason = report?.reason;
  useEffect(() => {
    if (!send) return;
    send(id, updatedAt === undefined ? undefined : { updatedAt, reason });
    return () => send(id, undefined);
  }, [send, id, updatedAt, reason]);
  return send !== undefined;
}

const sameReport = (a: StaleReport | undefined, b: StaleReport | undefined) =>
  a?.updatedAt === b?.updatedAt && a?.reason === b?.reason;

/** The banner's text: the oldest values, and every reason given, once. */
export function staleSummary(reports: Iterable<StaleReport>, now: number): string | undefined {
  const all = [...reports];
  if (all.length === 0) return undefined;
  const oldest = Math.min(...all.map((report) => report.updatedAt));
  const reasons = [...new Set(all.map((report) => report.reason).filter((reason) => reason !== undefined))];
  return [`Stale · updated ${formatAge(now - oldest)}`, ...reasons].join(' · ');
}

function StaleBanner({ reports }: { reports: ReadonlyMap<string, StaleReport> }) {
  const now = useNow();
  const text = staleSummary(reports.values(), now);
  if (!text) return null;
  return (
    <p className="stale-banner page-stale-banner" role="status" data-testid="page-stale-banner">
      {text}
    </p>
  );
}

/**
 * One stale banner for a page, however many of its panels are stale: each panel dims its own
 * values and reports here, and the banner says since when and why, once, above them all.
 */
export function StaleBoundary({ children }: { children: ReactNode }) {
  const [reports, setReports] = useState<ReadonlyMap<string, StaleReport>>(() => new Map());
  const report = useCallback<Report>((id, next) => {
    setReports((current) => {
      if (sameReport(current.get(id), next)) return current;
      const updated = new Map(current);
      if (next) updated.set(id, next);
      else updated.delete(id);
      return updated;
    });
  }, []);
  return (
    <StaleReportContext value={report}>
      {reports.size > 0 && <StaleBanner reports={reports} />}
      {children}
    </StaleReportContext>
  );
}
