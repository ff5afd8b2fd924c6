import { createServer } from 'node:net';
import { freePort } from './free-port';

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A port whose next two are free too: `npm start` gives them to the worker and scheduler. */
export async function threeFreePorts(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if ((await isFree(port + 1)) && (await isFree(port + 2))) {
      return port;
    }
  }
}
