// The e2e pages' zone: whatever hour CI starts at, the page's clock reads 15:xx in a real zone.
import { describe, expect, it } from 'vitest';
import { afternoonZone } from '../e2e/afternoon-zone';

describe('afternoonZone', () => {
  it('puts the page at 15:xx for every UTC hour, in a zone the runtime knows', () => {
    for (let hour = 0; hour < 24; hour++) {
      const now = new Date(Date.UTC(2026, 10, 25, hour, 42));
      const zone = afternoonZone(now);
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
      expect(local, `${hour}:42 UTC in ${zone}`).toBe('15:42');
    }
  });
});
