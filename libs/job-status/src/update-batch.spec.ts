import { UpdateBatch } from './update-batch';

interface Row {
  id: string;
  value: number;
}

describe('UpdateBatch', () => {
  const recordingRun = (applied: (ids: string[]) => string[]) => {
    const statements: unknown[][][] = [];
    const run = (_sql: string, params: unknown[][]) => {
      statements.push(params);
      return Promise.resolve(new Map(applied(params[0] as string[]).map((id) => [id, { id }])));
    };
    return { run, statements };
  };

  it('writes rows submitted together in one statement', async () => {
    const { run, statements } = recordingRun((ids) => ids);
    const batch = new UpdateBatch<Row>(run, 'UPDATE', [(r) => r.id, (r) => r.value]);
    const results = await Promise.all(
      [1, 2, 3].map((n) => batch.submit({ id: `j${n}`, value: n })),
    );
    expect(results).toEqual([{ id: 'j1' }, { id: 'j2' }, { id: 'j3' }]);
    expect(statements).toEqual([
      [
        ['j1', 'j2', 'j3'],
        [1, 2, 3],
      ],
    ]);
  });

  it('keeps only the last write of a job within one statement', async () => {
    const { run, statements } = recordingRun((ids) => ids);
    const batch = new UpdateBatch<Row>(run, 'UPDATE', [(r) => r.id, (r) => r.value]);
    await Promise.all([batch.submit({ id: 'j1', value: 1 }), batch.submit({ id: 'j1', value: 2 })]);
    expect(statements).toEqual([[['j1'], [2]]]);
  });

  it('answers undefined for the rows whose fence did not hold', async () => {
    const { run } = recordingRun((ids) => ids.filter((id) => id !== 'stale'));
    const batch = new UpdateBatch<Row>(run, 'UPDATE', [(r) => r.id]);
    const [fresh, stale] = await Promise.all([
      batch.submit({ id: 'fresh', value: 0 }),
      batch.submit({ id: 'stale', value: 0 }),
    ]);
    expect({ fresh, stale }).toEqual({ fresh: { id: 'fresh' }, stale: undefined });
  });

  it('fails every row of a statement that fails, and carries on afterwards', async () => {
    let fail = true;
    const run = () =>
      fail
        ? Promise.reject(new Error('db down'))
        : Promise.resolve(new Map([['j2', { id: 'j2' }]]));
    const batch = new UpdateBatch<Row>(run, 'UPDATE', [(r) => r.id]);
    await expect(batch.submit({ id: 'j1', value: 0 })).rejects.toThrow('db down');
    fail = false;
    await expect(batch.submit({ id: 'j2', value: 0 })).resolves.toEqual({ id: 'j2' });
  });
});
