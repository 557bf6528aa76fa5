/**
 * Refuses every outgoing connection from the tests except to loopback, so "nothing in the tests
 * reaches any other address" is something the suite proves, not something it hopes.
 */
import net from 'node:net';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(?:\.\d{1,3}){3})$/i;

export function isLoopback(host: string | undefined): boolean {
  return host === undefined || host === '' || LOOPBACK.test(host);
}

const originalConnect = net.Socket.prototype.connect;
type ConnectArgs = Parameters<typeof originalConnect>;

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const [first, second] = args;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null) {
    const opts = first as { host?: string; path?: string };
    host = opts.path ? undefined : (opts.host ?? 'localhost');
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    host = typeof second === 'string' ? second : 'localhost';
  }
  if (!isLoopback(host)) {
    throw new Error(`network guard: the tests may only connect to loopback, refused ${host}`);
  }
  return originalConnect.apply(this, args as ConnectArgs);
} as typeof originalConnect;
