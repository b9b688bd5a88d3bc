import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  let now = 0;
  const clock = () => now;
  const limits = { failuresPerUsername: 3, usernameRefillSeconds: 60, failuresPerIp: 5, ipRefillSeconds: 30, registrationsPerIpPerHour: 2 };

  beforeEach(() => {
    now = 5_000_000;
  });

  it('counts failures per username, whatever the address', () => {
    const throttle = new LoginThrottle(limits, clock);
    for (let i = 0; i < 3; i++) expect(throttle.reserveLogin(`10.0.0.${i}`, 'alice').ok).toBe(true);
    expect(throttle.reserveLogin('10.0.0.9', 'alice')).toEqual({ ok: false, limit: 'login_username', retryAfterSeconds: 60 });
    expect(throttle.reserveLogin('10.0.0.9', 'bob').ok).toBe(true);
  });

  it('counts failures per address, whatever the username', () => {
    const throttle = new LoginThrottle(limits, clock);
    for (let i = 0; i < 5; i++) expect(throttle.reserveLogin('10.0.0.1', `user${i}`).ok).toBe(true);
    expect(throttle.reserveLogin('10.0.0.1', 'someone-else')).toEqual({ ok: false, limit: 'login_ip', retryAfterSeconds: 30 });
    now += 30_000;
    expect(throttle.reserveLogin('10.0.0.1', 'someone-else').ok).toBe(true);
  });

  it('a successful login gives its tokens back, so only failures count', () => {
    const throttle = new LoginThrottle(limits, clock);
    for (let i = 0; i < 20; i++) {
      const reservation = throttle.reserveLogin('10.0.0.1', 'alice');
      expect(reservation.ok).toBe(true);
      if (reservation.ok) reservation.release();
    }
  });

  it('refuses the reservation as a whole: a full username bucket is not charged when the address is out', () => {
    const throttle = new LoginThrottle(limits, clock);
    for (let i = 0; i < 5; i++) throttle.reserveLogin('10.0.0.1', `user${i}`);
    expect(throttle.reserveLogin('10.0.0.1', 'carol').ok).toBe(false);
    for (let i = 0; i < 3; i++) expect(throttle.reserveLogin(`10.0.1.${i}`, 'carol').ok).toBe(true);
  });

  it('limits registrations per address per hour, and failed refreshes per address', () => {
    const throttle = new LoginThrottle(limits, clock);
    expect(throttle.reserveRegistration('10.0.0.1').ok).toBe(true);
    expect(throttle.reserveRegistration('10.0.0.1').ok).toBe(true);
    expect(throttle.reserveRegistration('10.0.0.1')).toEqual({ ok: false, limit: 'register_ip', retryAfterSeconds: 1800 });
    expect(throttle.reserveRegistration('10.0.0.2').ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(throttle.reserveRefresh('10.0.0.3').ok).toBe(true);
    expect(throttle.reserveRefresh('10.0.0.3')).toMatchObject({ ok: false, limit: 'refresh_ip' });
  });
});
