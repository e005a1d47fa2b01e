// Code inside page.evaluate runs in the browser; the root tsconfig checks Node code only.
/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Stack } from '@promwall/stack';
import { startTestStack } from '@promwall/stack/testing';
import { TvWall } from './pages/tv.page.ts';

/** A wall runs for weeks; this runs it at 40× its default pace for PROMWALL_SOAK_MINUTES (10 in CI). */
const MINUTES = Number(process.env.PROMWALL_SOAK_MINUTES ?? '10');
const DURATION_MS = MINUTES * 60_000;
const REFRESH_MS = 250;
const SAMPLE_MS = 30_000;
/** Caches, JIT and pools settle first: the first 2 minutes, or 20 % of a shorter run. */
const WARMUP_MS = Math.min(120_000, 0.2 * DURATION_MS);

interface Sample {
  seconds: number;
  heapBytes: number;
  nodes: number;
  /** Nodes in the document as rendered now; the rest of `nodes` is held outside it. */
  documentNodes: number;
  listeners: number;
  cacheEntries: number;
  timers: number;
}

/** Counts the page's pending timeouts and intervals: a leak of timers shows as a growing count. */
function countTimers(): void {
  const pending = new Set<number>();
  const { setTimeout: set, clearTimeout: clear, setInterval: every, clearInterval: stop } = window;
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id: number = set(
      (...callArgs: unknown[]) => {
        pending.delete(id);
        if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...callArgs);
      },
      ms,
      ...args,
    );
    pending.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) pending.delete(id);
    clear(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = every(handler, ms, ...args);
    pending.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) pending.delete(id);
    stop(id);
  }) as typeof window.clearInterval;
  (window as unknown as { __e2ePendingTimers: () => number }).__e2ePendingTimers = () => pending.size;
}

/** Every node of the document, text and comments included, as the renderer's Nodes metric counts them. */
function countDocumentNodes(): number {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  let count = 1;
  while (walker.nextNode()) count++;
  return count;
}

/** The renderer's node count per node in the document: steady unless nodes pile up outside it. */
const nodesPerDocumentNode = (sample: Sample) => sample.nodes / sample.documentNodes;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(2);

test.describe('the wall over time, on its own stack', () => {
  test.describe.configure({ timeout: DURATION_MS + 180_000 });

  let stack: Stack | undefined;
  let configDir: string | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    configDir = mkdtempSync(join(tmpdir(), 'promwall-tv-soak-'));
    const config = join(configDir, 'promwall.yml');
    writeFileSync(
      config,
      [
        'tv:',
        '  refresh: 1s',
        '  minRefresh: 250ms',
        'cache:',
        '  ttl: 250ms',
        'limits:',
        '  rateLimit:',
        '    requests: 1000000',
        '    per: 1m',
        '',
      ].join('\n'),
    );
    ({ stack } = await startTestStack('e2e-tv-soak', { promwallEnv: { PROMWALL_CONFIG: config } }));
  });

  test.afterAll(async () => {
    test.setTimeout(60_000);
    await stack?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  test(`keeps heap, DOM, listeners, timers and query cache flat for ${MINUTES} min at a ${REFRESH_MS} ms refresh`, async ({
    page,
  }) => {
    await page.addInitScript(countTimers);
    let summaries = 0;
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/v1/summary' && response.ok()) summaries++;
    });
    const tv = new TvWall(page, stack!.urls.promwall);
    await tv.open(`?refresh=${REFRESH_MS}ms&id=soak`);
    await tv.waitUntilLive();
    await tv.markWindow();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const samples: Sample[] = [];
    const started = Date.now();
    console.log(
      `soak: ${MINUTES} min, refresh ${REFRESH_MS} ms, a sample every ${SAMPLE_MS / 1000} s, warm-up ${WARMUP_MS / 1000} s`,
    );
    console.log('soak:      s   heap MB   nodes  in document  listeners  cache  timers');
    for (let due = started; due <= started + DURATION_MS; due += SAMPLE_MS) {
      await page.waitForTimeout(Math.max(0, due - Date.now()));
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
      const sample: Sample = {
        seconds: Math.round((Date.now() - started) / 1000),
        heapBytes: metric('JSHeapUsedSize'),
        nodes: metric('Nodes'),
        documentNodes: await page.evaluate(countDocumentNodes),
        listeners: metric('JSEventListeners'),
        cacheEntries: await tv.queryCacheSize(),
        timers: await page.evaluate(() =>
          (window as unknown as { __e2ePendingTimers: () => number }).__e2ePendingTimers(),
        ),
      };
      samples.push(sample);
      console.log(
        `soak: ${String(sample.seconds).padStart(6)} ${mb(sample.heapBytes).padStart(9)} ${String(sample.nodes).padStart(7)} ${String(sample.documentNodes).padStart(12)} ${String(sample.listeners).padStart(10)} ${String(sample.cacheEntries).padStart(6)} ${String(sample.timers).padStart(7)}`,
      );
    }
    await test.info().attach('soak.json', { body: JSON.stringify(samples, null, 2), contentType: 'application/json' });

    // It kept refreshing the whole time, without a reload.
    expect(await tv.windowStillMarked()).toBe(true);
    expect(summaries).toBeGreaterThan((0.5 * DURATION_MS) / REFRESH_MS);
    await tv.waitUntilLive();

    const settled = samples.filter((sample) => sample.seconds * 1000 >= WARMUP_MS);
    expect(settled.length).toBeGreaterThanOrEqual(4);
    const reference = settled[0]!;
    const last3 = settled.slice(-3);
    console.log(
      `soak: after warm-up heap ${mb(reference.heapBytes)} MB → median of last 3 ${mb(median(last3.map((s) => s.heapBytes)))} MB; ` +
        `nodes ${reference.nodes} (${reference.documentNodes} in document) → ${last3.at(-1)!.nodes} (${last3.at(-1)!.documentNodes}); listeners ${reference.listeners} → ${last3.at(-1)!.listeners}; ` +
        `timers ${reference.timers} → ${last3.at(-1)!.timers}; ${summaries} summaries fetched`,
    );

    expect(median(last3.map((s) => s.heapBytes)), 'heap grew by more than 20 %').toBeLessThanOrEqual(
      1.2 * reference.heapBytes,
    );
    for (const sample of settled) {
      // The document itself grows and shrinks by a few rows as alerts come and go (the demo
      // workload cycles every minute), and the renderer's count follows it; so the ±5 % applies
      // to nodes per node on screen, which a leak drives up.
      expect(
        Math.abs(nodesPerDocumentNode(sample) / nodesPerDocumentNode(reference) - 1),
        `DOM nodes at ${sample.seconds} s`,
      ).toBeLessThanOrEqual(0.05);
      expect(sample.cacheEntries, `query cache at ${sample.seconds} s`).toBe(samples[0]!.cacheEntries);
    }
    // Requests in flight at the moment of a sample hold a listener or two each: a small margin.
    expect(median(last3.map((s) => s.listeners)), 'event listeners grew').toBeLessThanOrEqual(reference.listeners + 10);
    expect(median(last3.map((s) => s.timers)), 'timers grew').toBeLessThanOrEqual(reference.timers + 5);
  });
});
