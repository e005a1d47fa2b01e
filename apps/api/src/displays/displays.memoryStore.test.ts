import { describe } from 'vitest';
import { displaysStoreContract } from '../../test/support/displaysContract.ts';
import { MemoryDisplaysStore } from './displays.memoryStore.ts';

describe('MemoryDisplaysStore', () => {
  displaysStoreContract(async (limits) => {
    let clock = 1_000_000;
    return {
      store: new MemoryDisplaysStore(limits, () => clock),
      advance: async (ms) => void (clock += ms),
    };
  });
});
