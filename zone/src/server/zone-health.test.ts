import { tickLiveness, zoneChecks } from './zone-health.js';

describe('zone health', () => {
  it('is live before the loop starts and while it ticks; stalled past the limit', () => {
    expect(tickLiveness({ msSinceTick: undefined, zoneIds: [] })).toEqual({ status: 'ok', msSinceTick: null });
    expect(tickLiveness({ msSinceTick: 50.4, zoneIds: [] })).toEqual({ status: 'ok', msSinceTick: 50 });
    expect(tickLiveness({ msSinceTick: 16_000, zoneIds: [] }, 15_000)).toEqual({ status: 'stalled', msSinceTick: 16_000 });
  });

  it('checks the tick loop and that every owned zone is loaded', () => {
    const host = { msSinceTick: 10 as number | undefined, zoneIds: ['zone-city'] };
    const ownership = { started: true, zones: ['zone-city'] };
    const [tick, zones] = zoneChecks(host, ownership);
    expect(() => tick!.probe()).not.toThrow();
    expect(() => zones!.probe()).not.toThrow();
    host.msSinceTick = 6_000;
    expect(() => tick!.probe()).toThrow('no tick for 6000 ms');
    host.msSinceTick = undefined;
    expect(() => tick!.probe()).toThrow('has not started');
    ownership.zones = ['zone-city', 'zone-forest'];
    expect(() => zones!.probe()).toThrow('owned but not loaded: zone-forest');
    ownership.started = false;
    expect(() => zones!.probe()).toThrow('still claiming');
  });
});
