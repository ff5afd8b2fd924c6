import { epochKeys, jobKey, queuePrefix } from './queue-keys';
import { describeRedis } from './redis-connection';

const single = { url: 'redis://:secret@127.0.0.1:6379', prefix: 'jobs', clusterNodes: null };
const cluster = {
  url: 'redis://127.0.0.1:6379',
  prefix: 'jobs',
  clusterNodes: [
    { host: '10.0.0.1', port: 7000 },
    { host: '::1', port: 7001 },
  ],
};

describe('queue keys', () => {
  it('keep their names on one Redis', () => {
    expect(queuePrefix(single, 'default')).toBe('jobs');
    expect(jobKey(single, 'default', 'id-1')).toBe('jobs:default:id-1');
    expect(epochKeys(single)).toEqual(['jobs:epoch']);
  });

  it('get a hash tag per queue on a Redis Cluster, and a loss marker in each queue’s slot', () => {
    expect(queuePrefix(cluster, 'default')).toBe('{jobs:default}');
    expect(jobKey(cluster, 'high', 'id-1')).toBe('{jobs:high}:high:id-1');
    expect(epochKeys(cluster)).toEqual([
      '{jobs:high}:epoch',
      '{jobs:default}:epoch',
      '{jobs:low}:epoch',
      '{jobs:etl}:epoch',
      '{jobs:webhooks}:epoch',
    ]);
  });

  it('describe the Redis without its password, or the cluster by its seed nodes', () => {
    expect(describeRedis(single)).toBe('redis://:***@127.0.0.1:6379');
    expect(describeRedis(cluster)).toBe('10.0.0.1:7000,[::1]:7001');
  });
});
