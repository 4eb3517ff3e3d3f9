import { MemoryTransport } from '../../src/transport/memory/memory-transport.js';
import { ManualClock } from '../../src/util/manual-clock.js';
import { describeTransportContract } from './contract.js';

// The fake is its own backing: the contract's set-up and its calls meet the same instance.
describeTransportContract('MemoryTransport', () => {
  const clock = new ManualClock();
  const transport = new MemoryTransport({ clock });
  return { transport, backing: transport, clock };
});
