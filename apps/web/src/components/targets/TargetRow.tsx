import type { Target } from '@promwall/core/schemas';
import { formatAge, formatSeconds, NO_VALUE } from '@promwall/core/units';
import { useNow } from '../../hooks/useNow.ts';
import { clockTime } from '../../time/clock.ts';
import { HEALTH_LOOKS } from './health.ts';
import { LabelChips, ToneMark } from '../lists/ListParts.tsx';
import './targets.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function HealthBadge({ health }: { health: Target['health'] }) {
  const { label, tone, shape } = HEALTH_LOOKS[health];
  return (
    <span className={`health-badge tone--${tone}`}>
      <ToneMark shape={shape} />
      {label}
    </span>
  );
}

/** Labels other than job and instance, which every row shows already. */
export function extraLabels(labels: Record<string, string>): [string, string][] {
  return Object.entries(labels).filter(([name]) => name !== 'job' && name !== 'instance');
}

function LastScrape({ lastScrape, prefix = '' }: { lastScrape: string | null; prefix?: string }) {
  const now = useNow();
  if (!lastScrape) return <span className="muted">never scraped</span>;
  const at = Date.parse(lastScrape);
  return (
    <time dateTime={lastScrape} title={timeFormat.format(at)}>
      {prefix}
      {formatAge(now - at)}
    </time>
  );
}

/** Since when a down target is down, and for how long: `down since 14:03:12 · 3m 20s`. */
export function DownSince({ downSince }: { downSince: string | null }) {
  const now = useNow();
  if (!downSince) return <span className="target-row__down">down since: unknown</span>;
  const at = Date.parse(downSince);
  return (
    <time className="target-row__down" dateTime={downSince} title={timeFormat.format(at)} data-testid="down-since">
      down since {clockTime(at, { withDate: now - at > 86_400_000 / 2 })} ·{' '}
      {formatSeconds(Math.max(0, Math.floor((now - at) / 1000)))}
    </time>
  );
}

/** Job and instance name a target; the scrape URL tells apart two pools that scrape one instance. */
export function targetKey({ job, instance, scrapeUrl }: Target): string {
  return `${job}\u0000${instance}\u0000${scrapeUrl}`;
}

export interface TargetRowProps {
  target: Target;
  /** `full` is a line of the targets table; `compact` fits an overview panel. */
  variant?: 'full' | 'compact';
}

export function TargetRow({ target, variant = 'full' }: TargetRowProps) {
  const { job, instance, health, lastError } = target;
  const testAttributes = {
    'data-testid': 'target-row',
    'data-job': job,
    'data-instance': instance,
    'data-health': health,
  };
  // Prometheus clears the error on a good scrape; one left on an up target is still worth reading.
  const error = lastError ? (
    <p role="cell" className="target-row__error">
      {lastError}
    </p>
  ) : null;

  if (variant === 'compact') {
    return (
      <div role="row" className="target-row target-row--compact" {...testAttributes}>
        <span role="cell">
          <HealthBadge health={health} />
        </span>
        <span role="cell" className="target-row__instance">
          {instance}
          <span className="target-row__job">{job}</span>
        </span>
        <span role="cell" className="target-row__age">
          {health === 'down' ? (
            <DownSince downSince={target.downSince} />
          ) : (
            <LastScrape lastScrape={target.lastScrape} prefix="last scrape " />
          )}
        </span>
        {error}
      </div>
    );
  }

  return (
    <div role="row" className={`target-row target-row--full tone--${HEALTH_LOOKS[health].tone}`} {...testAttributes}>
      <span role="cell">
        <HealthBadge health={health} />
      </span>
      <span role="cell" className="target-row__instance">
        {instance}
      </span>
      <span role="cell" className="target-row__labels">
        <LabelChips labels={extraLabels(target.labels)} />
      </span>
      <span role="cell" className="target-row__url">
        {target.scrapeUrl ? (
          <a href={target.scrapeUrl} target="_blank" rel="noreferrer" title={target.scrapeUrl}>
            {target.scrapeUrl}
          </a>
        ) : (
          NO_VALUE
        )}
      </span>
      <span role="cell" className="target-row__age">
        <LastScrape lastScrape={target.lastScrape} />
      </span>
      <span role="cell" className="target-row__duration">
        {target.lastScrapeDurationSeconds === null ? NO_VALUE : formatSeconds(target.lastScrapeDurationSeconds)}
      </span>
      {health === 'down' && (
        <p role="cell" className="target-row__since">
          <DownSince downSince={target.downSince} />
        </p>
      )}
      {error}
    </div>
  );
}

/** The column headings over full rows. */
export function TargetTableHead() {
  return (
    <div role="row" className="target-row target-row--full target-row--head">
      <span role="columnheader">Health</span>
      <span role="columnheader">Instance</span>
      <span role="columnheader" className="target-row__labels">
        Labels
      </span>
      <span role="columnheader" className="target-row__url">
        Scrape URL
      </span>
      <span role="columnheader" className="target-row__age">
        Last scrape
      </span>
      <span role="columnheader" className="target-row__duration">
        Duration
      </span>
    </div>
  );
}
