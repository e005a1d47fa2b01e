import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { jsonArray } from './history.service.ts';

async function through(chunks: string[]): Promise<string> {
  return text(Readable.from(chunks.map((chunk) => Buffer.from(chunk))).pipe(jsonArray()));
}

describe('jsonArray', () => {
  it('joins lines of JSON objects into one array', async () => {
    const out = await through(['{"a":1}\n{"a":2}\n', '{"a":3}\n']);

    expect(JSON.parse(out)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('holds wherever the chunks break: inside a line, at its end, or in a UTF-8 character', async () => {
    const line = (n: number) => `{"labels":{"instance":"höst-${n}:9100"},"value":${n}}\n`;
    const whole = Buffer.from(line(1) + line(2) + line(3));
    for (let cut = 1; cut < whole.length; cut++) {
      const out = await text(Readable.from([whole.subarray(0, cut), whole.subarray(cut)]).pipe(jsonArray()));
      expect(JSON.parse(out).map((row: { value: number }) => row.value)).toEqual([1, 2, 3]);
    }
  });

  it('answers an empty array when there are no rows', async () => {
    expect(JSON.parse(await through([]))).toEqual([]);
  });
});
