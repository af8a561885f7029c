import { createSocket, type Socket } from 'node:dgram';

export interface RtpPortPoolOptions {
  /** Address to bind, e.g. '127.0.0.1' in tests or '0.0.0.0' behind a public address. */
  host: string;
  /** First port of the range; rounded up to even, because RTP takes the even port and RTCP the next one. */
  minPort: number;
  /** Last port of the range, inclusive; the last even port whose RTCP port also fits is used. */
  maxPort: number;
  type?: 'udp4' | 'udp6';
}

/** A bound socket on an even port, held until released (or closed). */
export interface RtpPortLease {
  readonly socket: Socket;
  readonly host: string;
  readonly port: number;
  /** Closes the socket and returns the port to the pool; safe to call twice. */
  release(): void;
}

export interface RtpPortPool {
  allocate(): Promise<RtpPortLease>;
  readonly capacity: number;
  readonly inUse: number;
}

export class RtpPortsExhaustedError extends Error {
  constructor(
    readonly host: string,
    readonly minPort: number,
    readonly maxPort: number,
  ) {
    super(`no free RTP port on ${host} in ${minPort}-${maxPort}`);
    this.name = 'RtpPortsExhaustedError';
  }
}

function bindSocket(type: 'udp4' | 'udp6', host: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type, reuseAddr: false });
    const onError = (error: NodeJS.ErrnoException): void => {
      socket.close();
      // Another process (or a socket in TIME_WAIT-like limbo) holds it: try the next port.
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(undefined);
      else reject(error);
    };
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/**
 * Ports are handed out round-robin from a cursor rather than lowest-first, so a port freed by a call that just
 * ended is reused last: late packets from that call's peer then cannot land in a new call.
 */
export function createRtpPortPool(options: RtpPortPoolOptions): RtpPortPool {
  const first = options.minPort + (options.minPort % 2);
  const last = options.maxPort - 1 - ((options.maxPort - 1) % 2);
  if (!Number.isInteger(options.minPort) || !Number.isInteger(options.maxPort) || first < 1024 || last > 65534) {
    throw new RangeError(`invalid RTP port range ${options.minPort}-${options.maxPort}`);
  }
  if (last < first) throw new RangeError(`RTP port range ${options.minPort}-${options.maxPort} holds no even port pair`);
  const type = options.type ?? 'udp4';
  const capacity = (last - first) / 2 + 1;
  const used = new Set<number>();
  let cursor = first;

  async function allocate(): Promise<RtpPortLease> {
    for (let attempt = 0; attempt < capacity && used.size < capacity; attempt++) {
      const port = cursor;
      cursor = cursor + 2 > last ? first : cursor + 2;
      if (used.has(port)) continue;
      // Reserved before the asynchronous bind so concurrent allocations never race for the same port.
      used.add(port);
      let socket: Socket | undefined;
      try {
        socket = await bindSocket(type, options.host, port);
      } catch (error) {
        used.delete(port);
        throw error;
      }
      if (!socket) {
        used.delete(port);
        continue;
      }
      return lease(socket, port);
    }
    throw new RtpPortsExhaustedError(options.host, first, last + 1);
  }

  function lease(socket: Socket, port: number): RtpPortLease {
    let released = false;
    const free = (): void => {
      if (released) return;
      released = true;
      used.delete(port);
    };
    socket.once('close', free);
    return {
      socket,
      host: options.host,
      port,
      release() {
        if (released) return;
        free();
        socket.close();
      },
    };
  }

  return {
    allocate,
    capacity,
    get inUse() {
      return used.size;
    },
  };
}
