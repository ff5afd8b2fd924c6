import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  const recording = () => {
    const groups: number[][] = [];
    const run = (items: number[]) => {
      groups.push(items);
      return Promise.resolve(items.map((item) => item * 10));
    };
    return { groups, run };
  };

  it('runs items submitted together as one group, answering each in order', async () => {
    const { groups, run } = recording();
    const group = new GroupCommit(run, 100);
    expect(await Promise.all([1, 2, 3].map((n) => group.submit(n)))).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('splits a backlog larger than maxItems', async () => {
    const { groups, run } = recording();
    const group = new GroupCommit(run, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('lingers for items submitted a little later, unless flushed now', async () => {
    const { groups, run } = recording();
    const group = new GroupCommit(run, 100, 60_000);
    const first = group.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = group.submit(2);
    expect(groups).toEqual([]);
    await group.flushNow();
    expect(await Promise.all([first, second])).toEqual([10, 20]);
    expect(groups).toEqual([[1, 2]]);
  });

  it('rejects every item of a group whose run failed, and runs the next group', async () => {
    let calls = 0;
    const group = new GroupCommit((items: number[]) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(items);
    }, 100);
    const failed = Promise.allSettled([group.submit(1), group.submit(2)]);
    expect((await failed).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await group.submit(3)).toBe(3);
  });
});
