import { dashboardFile, type Panel } from '@promwall/core/dashboardSchemas';
import { describe, expect, it } from 'vitest';
import { rowLayout } from './rowLayout.ts';

const panels = (...widths: (number | undefined)[]): Panel[] =>
  dashboardFile.parse({
    title: 'B',
    rows: [
      {
        panels: widths.map((width, i) => ({
          id: `p${i}`,
          type: 'targets',
          title: 'T',
          ...(width === undefined ? {} : { width }),
        })),
      },
    ],
  }).rows[0]!.panels;

describe('rowLayout', () => {
  it('shares a row evenly when no panel sets its width, five as well as four', () => {
    expect(rowLayout(panels(undefined, undefined, undefined, undefined, undefined))).toEqual({
      columns: 5,
      spans: [1, 1, 1, 1, 1],
    });
  });

  it('gives panels their widths of 12 columns, the others what is left', () => {
    expect(rowLayout(panels(6, undefined, undefined))).toEqual({ columns: 12, spans: [6, 3, 3] });
    expect(rowLayout(panels(5, 2, 5))).toEqual({ columns: 12, spans: [5, 2, 5] });
  });
});
