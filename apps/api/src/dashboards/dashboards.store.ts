import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DASHBOARD_LIMITS } from '@promwall/core/dashboards';
import type { DashboardFile } from '@promwall/core/dashboardSchemas';
import type { Logger } from 'pino';
import {
  CATALOGUE_HEADLINES,
  dashboardIdOf,
  parseDashboard,
  tooLarge,
  type HeadlineSettings,
} from './dashboards.loader.ts';

/** A version of a board that validated. */
export interface GoodVersion {
  definition: DashboardFile;
  version: string;
  loadedAt: number;
}

/** One dashboard file: the last version that validated, and what is wrong with the file now. */
export interface DashboardEntry {
  id: string;
  file: string;
  good: GoodVersion | undefined;
  error: { message: string; at: number } | undefined;
}

interface Seen {
  signature: string;
  entry: DashboardEntry;
}

/** Editors save in several writes (truncate, write, rename): changes settle for this long first. */
const SETTLE_MS = 100;
/** A full look at the folder this often, for file systems whose changes fs.watch misses (NFS). */
const RESCAN_MS = 30_000;

/**
 * The folder of dashboard files, kept loaded. A file that changes is validated and swapped in
 * whole; a broken file keeps its last good version and carries its error, and the other boards
 * are untouched. Readers get one consistent snapshot: the map is replaced, never edited.
 */
export class DashboardStore {
  private entries: ReadonlyMap<string, DashboardEntry> = new Map();
  private seen = new Map<string, Seen>();
  private folderProblems: readonly string[] = [];
  private watcher: FSWatcher | undefined;
  private timers: NodeJS.Timeout[] = [];
  private scanning: Promise<void> | undefined;
  private again = false;
  private started: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    /** What stat panels naming a headline metric take from it: Promwall's configured metrics. */
    private readonly headlines: HeadlineSettings = CATALOGUE_HEADLINES,
  ) {}

  /** Loads the folder, then keeps watching it; resolves once the first load is done. */
  start(): Promise<void> {
    this.started ??= this.rescan().then(() => {
      const rescan = setInterval(() => void this.rescan(), RESCAN_MS);
      rescan.unref();
      this.timers.push(rescan);
    });
    return this.started;
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  list(): DashboardEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): DashboardEntry | undefined {
    return this.entries.get(id);
  }

  /** Problems with the folder itself, e.g. that it does not exist. */
  get problems(): readonly string[] {
    return this.folderProblems;
  }

  /** Reads every file that changed since the last look; one scan at a time, the last one wins. */
  rescan(): Promise<void> {
    if (this.scanning) {
      this.again = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      do {
        this.again = false;
        await this.scan();
      } while (this.again);
    })().finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  private watch(): void {
    let settle: NodeJS.Timeout | undefined;
    try {
      this.watcher = watch(this.dir, { persistent: false }, () => {
        clearTimeout(settle);
        settle = setTimeout(() => void this.rescan(), SETTLE_MS);
        settle.unref();
      });
      this.watcher.on('error', (err) => {
        this.logger.warn({ err, dir: this.dir }, 'dashboards: watching the folder failed; rescanning every 30 s');
        this.watcher?.close();
        this.watcher = undefined;
      });
    } catch (err) {
      // A folder that is missing now is looked at again by the periodic rescan.
      this.logger.debug({ err, dir: this.dir }, 'dashboards: cannot watch the folder');
    }
  }

  private async scan(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((name) => dashboardIdOf(name) !== undefined).sort();
    } catch (error) {
      const problem = `the dashboards folder ${this.dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
      if (this.folderProblems[0] !== problem) this.logger.error(`dashboards: ${problem}`);
      this.folderProblems = [problem];
      this.seen = new Map();
      this.entries = new Map();
      return;
    }
    if (!this.watcher) this.watch();
    const problems: string[] = [];
    if (names.length > DASHBOARD_LIMITS.maxFiles) {
      problems.push(`more than ${DASHBOARD_LIMITS.maxFiles} dashboard files: only the first are loaded`);
      names = names.slice(0, DASHBOARD_LIMITS.maxFiles);
    }
    const seen = new Map<string, Seen>();
    const entries = new Map<string, DashboardEntry>();
    for (const file of names) {
      const id = dashboardIdOf(file)!;
      const clash = entries.get(id);
      if (clash) {
        problems.push(`${file}: ignored, ${clash.file} has the same id`);
        continue;
      }
      const entry = await this.load(file, id);
      seen.set(file, entry);
      entries.set(id, entry.entry);
    }
    for (const file of this.seen.keys()) {
      if (!seen.has(file)) this.logger.info(`dashboards: ${file} removed`);
    }
    this.seen = seen;
    this.entries = entries;
    this.folderProblems = problems;
  }

  /** A file read again only when its size or modification time changed. */
  private async load(file: string, id: string): Promise<Seen> {
    const full = path.join(this.dir, file);
    const previous = this.seen.get(file);
    let signature: string;
    let text: string;
    try {
      const info = await stat(full);
      signature = `${info.size}:${info.mtimeMs}`;
      if (previous && previous.signature === signature) return previous;
      if (info.size > DASHBOARD_LIMITS.maxFileBytes) return this.failed(file, id, previous, tooLarge(file), signature);
      text = await readFile(full, 'utf8');
    } catch (error) {
      return this.failed(
        file,
        id,
        previous,
        `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        '',
      );
    }
    const parsed = parseDashboard(file, text, this.headlines);
    if (!parsed.ok) return this.failed(file, id, previous, parsed.message, signature);
    if (previous?.entry.good?.version !== parsed.version) {
      this.logger.info({ dashboard: id, version: parsed.version }, `dashboards: ${file} loaded`);
    }
    return {
      signature,
      entry: {
        id,
        file,
        good:
          previous?.entry.good?.version === parsed.version
            ? previous.entry.good
            : { definition: parsed.definition, version: parsed.version, loadedAt: this.now() },
        error: undefined,
      },
    };
  }

  private failed(file: string, id: string, previous: Seen | undefined, message: string, signature: string): Seen {
    const sameError = previous?.entry.error?.message === message;
    if (!sameError) {
      this.logger.error(
        { dashboard: id },
        `dashboards: ${message}${previous?.entry.good ? ' (the last good version stays in use)' : ''}`,
      );
    }
    return {
      signature,
      entry: {
        id,
        file,
        good: previous?.entry.good,
        error: sameError ? previous.entry.error : { message, at: this.now() },
      },
    };
  }
}
