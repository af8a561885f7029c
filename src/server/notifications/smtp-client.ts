import net, { isIP } from 'node:net';
import tls from 'node:tls';
import { DeliveryError } from './notification-adapter.ts';
import { dataSection } from './smtp-message.ts';

export interface SmtpConnectionOptions {
  host: string;
  port: number;
  /** `implicit`: TLS from the first byte (port 465); `starttls`: upgrade after EHLO (587); `none`: plain. */
  tls: 'none' | 'starttls' | 'implicit';
  heloName: string;
  user?: string;
  password?: string;
  timeoutMs: number;
  /** Extra trust for a private relay (its CA); the system store is used otherwise. */
  ca?: string;
}

export interface SmtpReply {
  code: number;
  lines: string[];
}

const replyText = (r: SmtpReply) => `${r.code} ${r.lines.join(' / ')}`.slice(0, 300);
const isLoopback = (host: string) => host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/** Reads RFC 5321 replies (multi-line `250-…` then `250 …`) from whichever socket is current. */
function createReplyReader() {
  let buffer = '';
  let current: string[] = [];
  const ready: SmtpReply[] = [];
  let waiting: { resolve: (r: SmtpReply) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;

  const settle = () => {
    if (!waiting) return;
    const next = ready.shift();
    if (next) {
      waiting.resolve(next);
      waiting = undefined;
    } else if (failure) {
      waiting.reject(failure);
      waiting = undefined;
    }
  };

  return {
    push(chunk: string) {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
        if (!match) {
          failure ??= new DeliveryError(`SMTP server sent a malformed line: ${line.slice(0, 100)}`, false);
          continue;
        }
        current.push(match[3]!);
        if (match[2] !== '-') {
          ready.push({ code: Number(match[1]), lines: current });
          current = [];
        }
      }
      settle();
    },
    fail(error: Error) {
      failure ??= error;
      settle();
    },
    next: () =>
      new Promise<SmtpReply>((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      }),
  };
}

/**
 * One message over one SMTP session (RFC 5321): greeting, EHLO, STARTTLS when asked, AUTH when
 * credentials are configured, MAIL FROM, RCPT TO, DATA, QUIT. A 5xx reply is a permanent
 * failure; a 4xx reply, a refused connection, a reset or a timeout is transient.
 */
export async function sendMail(options: SmtpConnectionOptions, envelope: { from: string; to: string; message: string }): Promise<SmtpReply> {
  if (options.user && options.tls === 'none' && !isLoopback(options.host)) {
    throw new DeliveryError('refusing to send SMTP credentials over an unencrypted connection', true);
  }
  const reader = createReplyReader();
  let socket: net.Socket = connect(options, reader);

  const send = (line: string) => socket.write(line);
  const expect = async (step: string, accepted: number[]) => {
    const reply = await reader.next();
    if (accepted.includes(reply.code)) return reply;
    throw new DeliveryError(`SMTP ${step}: ${replyText(reply)}`, reply.code >= 500 && reply.code < 600);
  };
  const command = (line: string, step: string, accepted: number[]) => {
    send(`${line}\r\n`);
    return expect(step, accepted);
  };
  const ehlo = async () => {
    const reply = await command(`EHLO ${options.heloName}`, 'EHLO', [250]);
    return new Map(reply.lines.slice(1).map((l) => {
      const [keyword = '', ...params] = l.trim().split(/[\s=]+/);
      return [keyword.toUpperCase(), params.map((p) => p.toUpperCase())] as const;
    }));
  };

  try {
    await expect('greeting', [220]);
    let extensions = await ehlo();
    if (options.tls === 'starttls') {
      if (!extensions.has('STARTTLS')) throw new DeliveryError('SMTP server does not offer STARTTLS', true);
      await command('STARTTLS', 'STARTTLS', [220]);
      socket = await upgrade(socket, options, reader);
      extensions = await ehlo();
    }
    if (options.user) {
      const mechanisms = extensions.get('AUTH') ?? [];
      const user = options.user;
      const password = options.password ?? '';
      if (mechanisms.includes('PLAIN')) {
        await command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`, 'AUTH PLAIN', [235]);
      } else if (mechanisms.includes('LOGIN')) {
        await command('AUTH LOGIN', 'AUTH LOGIN', [334]);
        await command(Buffer.from(user).toString('base64'), 'AUTH LOGIN user', [334]);
        await command(Buffer.from(password).toString('base64'), 'AUTH LOGIN password', [235]);
      } else {
        throw new DeliveryError('SMTP server offers neither AUTH PLAIN nor AUTH LOGIN', true);
      }
    }
    await command(`MAIL FROM:<${envelope.from}>`, 'MAIL FROM', [250]);
    await command(`RCPT TO:<${envelope.to}>`, 'RCPT TO', [250, 251]);
    await command('DATA', 'DATA', [354]);
    send(dataSection(envelope.message));
    const accepted = await expect('end of DATA', [250]);
    // The message is the server's now; a failed goodbye changes nothing.
    await command('QUIT', 'QUIT', [221]).catch(() => undefined);
    return accepted;
  } catch (error) {
    if (error instanceof DeliveryError) throw error;
    throw new DeliveryError(`SMTP ${options.host}:${options.port}: ${(error as Error).message}`, false);
  } finally {
    socket.destroy();
  }
}

function listen(socket: net.Socket, options: SmtpConnectionOptions, reader: ReturnType<typeof createReplyReader>) {
  socket.setEncoding('utf8');
  socket.setTimeout(options.timeoutMs);
  socket.on('data', (chunk: string) => reader.push(chunk));
  socket.on('timeout', () => {
    reader.fail(new DeliveryError(`SMTP ${options.host}:${options.port}: no answer within ${options.timeoutMs} ms`, false));
    socket.destroy();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    reader.fail(new DeliveryError(`SMTP ${options.host}:${options.port}: ${error.code ?? error.message}`, false));
  });
  socket.on('close', () => reader.fail(new DeliveryError(`SMTP ${options.host}:${options.port}: connection closed`, false)));
}

function connect(options: SmtpConnectionOptions, reader: ReturnType<typeof createReplyReader>): net.Socket {
  const socket =
    options.tls === 'implicit'
      ? tls.connect({ host: options.host, port: options.port, servername: isIP(options.host) ? undefined : options.host, ca: options.ca })
      : net.connect({ host: options.host, port: options.port });
  listen(socket, options, reader);
  return socket;
}

/** STARTTLS: the same TCP connection continues under TLS; the plain socket stops being read. */
async function upgrade(plain: net.Socket, options: SmtpConnectionOptions, reader: ReturnType<typeof createReplyReader>): Promise<net.Socket> {
  plain.removeAllListeners('data');
  plain.removeAllListeners('timeout');
  plain.removeAllListeners('close');
  plain.setTimeout(0);
  const secure = tls.connect({ socket: plain, servername: isIP(options.host) ? undefined : options.host, ca: options.ca });
  listen(secure, options, reader);
  await new Promise<void>((resolve, reject) => {
    secure.once('secureConnect', resolve);
    secure.once('error', reject);
  });
  return secure;
}
