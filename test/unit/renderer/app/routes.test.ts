import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from '@renderer/app/routes';

describe('hash routes', () => {
  it('name a screen, and optionally the item to land on', () => {
    expect(parseRoute('#/alerts')).toEqual({ route: 'alerts' });
    expect(parseRoute('#/clients')).toEqual({ route: 'clients' });
    expect(parseRoute(hrefOf('alerts', 'alert-a 1/2'))).toEqual({ route: 'alerts', target: 'alert-a 1/2' });
    expect(parseRoute('#/nowhere')).toEqual({ route: 'monitor' });
    expect(parseRoute('')).toEqual({ route: 'monitor' });
  });
});
