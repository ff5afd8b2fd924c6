import { connect } from 'node:net';

/**
 * Whether something accepts a TCP connection at `host:port` within `timeoutMs` (default
 * 1000). A refused connection answers at once; the timeout bounds a firewalled address.
 */
export function addressAnswers({ host, port }, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    const settle = (answers) => {
      socket.destroy();
      resolve(answers);
    };
    socket.setTimeout(timeoutMs, () => settle(false));
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}
