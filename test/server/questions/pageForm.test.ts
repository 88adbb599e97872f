import { describe, expect, it } from 'vitest';
import { maintenanceBody, mixBody, onFields, parseMix } from '../../../server/questions/pageForm.ts';

describe('the question forms as typed', () => {
  it('reads lots in their order (x, × or *) and shares in %, one kind per mix', () => {
    expect(parseMix('GB6 x 200, GB7 X 100; GB6×50\nGB7 * 5')).toEqual({
      lots: [
        { product: 'GB6', quantity: 200 },
        { product: 'GB7', quantity: 100 },
        { product: 'GB6', quantity: 50 },
        { product: 'GB7', quantity: 5 },
      ],
    });
    expect(parseMix('GB6 70 %, GB7: 30%, GB6 = 2.5 %')).toEqual({ shares: { GB6: 72.5, GB7: 30 } });
    expect(parseMix('Box x-1 x 3')).toEqual({ lots: [{ product: 'Box x-1', quantity: 3 }] });
  });

  it('refuses what is no lot or share, both kinds at once, and what the API would refuse', () => {
    expect(parseMix('GB6 200')).toMatchObject({ error: expect.stringContaining('write a lot as product x quantity') });
    expect(parseMix('GB6 x 200, GB7 30 %')).toEqual({ error: 'give either lots (GB6 x 200) or shares (GB6 70 %), not both' });
    expect(parseMix('GB6 x 0')).toMatchObject({ error: expect.stringContaining('from 1 to 100000') });
    expect(parseMix('GB6 x 100001')).toMatchObject({ error: expect.stringContaining('from 1 to 100000') });
    expect(parseMix('GB6 0 %')).toEqual({ error: 'give at least one lot or a share above 0 %' });
    expect(parseMix(Array.from({ length: 11 }, () => 'A x 100000').join(','))).toEqual({ error: 'at most 1000000 parts in all' });
  });

  it('skips blank mix rows, names the unnamed, reads the peak limit, and maps the domain’s errors back to their rows', () => {
    const read = mixBody({ 'scenarios.0.mix': '', 'scenarios.1.mix': 'GB6 x 1', peakLimitKw: '80,5' });
    expect(read).toMatchObject({
      ok: true,
      body: { scenarios: [{ name: 'mix 2', lots: [{ product: 'GB6', quantity: 1 }] }], peakLimitKw: 80.5 },
    });
    expect(mixBody({})).toMatchObject({ ok: true, body: {} });
    expect(mixBody({ 'scenarios.0.name': 'named', peakLimitKw: '0' })).toEqual({
      ok: false,
      errors: { 'scenarios.0.mix': 'give the lots or shares of this mix', peakLimitKw: 'a power in kW above 0, at most 1 000 000' },
    });
    const fields = read.ok ? read.fields : undefined;
    expect(onFields({ _form: 'invalid body.scenarios.0: no GB9', 'scenarios.0': 'no GB9' }, fields)).toEqual({
      'scenarios.1.mix': 'no GB9',
    });
    expect(onFields({ _form: 'the line has no model' }, fields)).toEqual({ _form: 'the line has no model' });
  });

  it('takes the work orders ticked, and at least one', () => {
    expect(maintenanceBody({ sent: '1', 'wo.0': 'WO-1', 'wo.3': ' WO-4 ' })).toMatchObject({
      ok: true,
      body: { workOrders: ['WO-1', 'WO-4'] },
    });
    expect(maintenanceBody({ sent: '1' })).toEqual({ ok: false, errors: { workOrders: 'tick at least one work order' } });
  });
});
