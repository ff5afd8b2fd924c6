import { checkedFetch } from './checked-fetch';
import { waitFor } from './wait-for';

/** The API key `npm start` prints once its API listens, read from its output so far. */
export async function printedApiKey(output: () => string, timeoutMs: number): Promise<string> {
  const key = await waitFor(
    'npm start to print its API key',
    () => Promise.resolve(/export JOBS_API_KEY=(jp_\S+)/.exec(output())?.[1]),
    (found) => found !== undefined,
    { timeoutMs, intervalMs: 200 },
  );
  return key as string;
}

/** Polls a job's status URL on the API at `port` until it completed or failed; its status. */
export function finalStatus(
  port: number,
  statusUrl: string,
  token: string,
  timeoutMs: number,
): Promise<string> {
  return waitFor(
    `the job at ${statusUrl} to finish`,
    async () => {
      const answer = await checkedFetch(`http://127.0.0.1:${port}${statusUrl}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (answer.body as { status: string }).status;
    },
    (status) => status === 'completed' || status === 'failed',
    { timeoutMs, intervalMs: 100 },
  );
}
