import { DEFAULT_OPS_PORT, opsListenFrom } from './ops.js';

describe('opsListenFrom', () => {
  it('listens on METRICS_PORT (default 9464) on every interface unless METRICS_HOST names one', () => {
    expect(DEFAULT_OPS_PORT).toBe(9464);
    expect(opsListenFrom({})).toEqual({ port: 9464 });
    expect(opsListenFrom({ METRICS_PORT: '9100', METRICS_HOST: '127.0.0.1' })).toEqual({ port: 9100, host: '127.0.0.1' });
    expect(opsListenFrom({ METRICS_PORT: '', METRICS_HOST: '' })).toEqual({ port: 9464 });
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => opsListenFrom({ METRICS_PORT: 'metrics' })).toThrow('METRICS_PORT');
  });
});
