import net from 'node:net';
import tls from 'node:tls';

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  messageId: string;
  secure: boolean;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid until 2126: for STARTTLS tests only. */
export const testTls = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7X5t6pDaHbvgqPTy
UMa+YuhXhPwbUeFv3fC3CEPTAF2hRANCAATVifK/eKh9EHWg+cCXZttEJG1VhXhR
CiiilsnSF2H1tkwdr4pfBEVzcriJNRe6+82j3kau6gx4iCWPx3ZgO1WD
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUU6YvkVr/mANJzQt5/ycW9X2RqdYwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMzA2MzgyMVoYDzIxMjYxMDMw
MDYzODIxWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATVifK/eKh9EHWg+cCXZttEJG1VhXhRCiiilsnSF2H1tkwdr4pfBEVz
criJNRe6+82j3kau6gx4iCWPx3ZgO1WDo28wbTAdBgNVHQ4EFgQUud8B6dAccOFe
bKhbVchoHm+sG90wHwYDVR0jBBgwFoAUud8B6dAccOFebKhbVchoHm+sG90wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAIFdiNKX8Ah4tNA3nqweqQAs00l0aKuaWQ3C1W4LXvxRAiAR
EU4qCtFW6O0Dce4Aht6wRHOKPiwHm0lruZKBJI7fLQ==
-----END CERTIFICATE-----
`,
};

export interface SmtpServerOptions {
  user: string;
  password: string;
  mechanisms: string;
  /** Offer STARTTLS, and refuse AUTH until the session is encrypted (as real submission servers do). */
  tls?: { key: string; cert: string };
}

/**
 * A small real SMTP server (RFC 5321 subset) on 127.0.0.1 that a test can stop and restart on
 * the same port. It un-stuffs dots as a real server does and requires AUTH before MAIL.
 * `settings` changes its behaviour between sessions: drop the connection after DATA, go silent,
 * offer other AUTH mechanisms.
 */
export function createSmtpServer(options: SmtpServerOptions) {
  const received: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const settings = { dropAfterData: 0, silent: false, mechanisms: options.mechanisms };
  let server: net.Server | undefined;
  let port = 0;

  function session(raw: net.Socket) {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    let socket: net.Socket = raw;
    let secure = false;
    let buffer = '';
    let data: string[] | undefined;
    let envelope = { from: '', to: [] as string[] };
    let authed = false;
    let login: 'user' | 'password' | undefined;
    let loginUser = '';
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const check = (user: string, password: string) => {
      authed = user === options.user && password === options.password;
      reply(authed ? '235 2.7.0 Authentication successful' : '535 5.7.8 Authentication credentials invalid');
    };

    function line(text: string): 'stop' | void {
      if (data) {
        if (text !== '.') {
          data.push(text.startsWith('.') ? text.slice(1) : text);
          return;
        }
        if (settings.dropAfterData > 0) {
          settings.dropAfterData -= 1;
          raw.destroy();
          return 'stop';
        }
        const mail = data.join('\r\n');
        received.push({ ...envelope, data: mail, secure, messageId: /^Message-ID: (.+)$/im.exec(mail)?.[1] ?? '' });
        data = undefined;
        envelope = { from: '', to: [] };
        reply('250 2.0.0 Ok: queued');
        return;
      }
      if (login) {
        const decoded = Buffer.from(text, 'base64').toString();
        if (login === 'user') {
          loginUser = decoded;
          login = 'password';
          reply('334 UGFzc3dvcmQ6');
        } else {
          login = undefined;
          check(loginUser, decoded);
        }
        return;
      }
      const [verb = '', ...rest] = text.split(' ');
      const argument = rest.join(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO':
          reply('250-test.local greets you');
          if (options.tls && !secure) reply('250-STARTTLS');
          reply(`250-AUTH ${settings.mechanisms}`);
          reply('250 SIZE 10485760');
          return;
        case 'STARTTLS':
          if (!options.tls || secure) return void reply('502 5.5.1 STARTTLS not available');
          reply('220 2.0.0 Ready to start TLS');
          // RFC 3207: everything known before the upgrade is forgotten.
          raw.removeAllListeners('data');
          socket = new tls.TLSSocket(raw, { isServer: true, ...options.tls });
          socket.on('error', () => undefined);
          listen(socket);
          secure = true;
          authed = false;
          buffer = '';
          return 'stop';
        case 'AUTH': {
          if (options.tls && !secure) return void reply('538 5.7.11 Encryption required for requested authentication mechanism');
          const [mechanism, initial] = rest;
          if (mechanism === 'PLAIN' && settings.mechanisms.includes('PLAIN') && initial) {
            const [, user = '', password = ''] = Buffer.from(initial, 'base64').toString().split('\0');
            check(user, password);
          } else if (mechanism === 'LOGIN' && settings.mechanisms.includes('LOGIN')) {
            login = 'user';
            reply('334 VXNlcm5hbWU6');
          } else reply('504 5.5.4 Unrecognized authentication type');
          return;
        }
        case 'MAIL':
          if (!authed) return void reply('530 5.7.0 Authentication required');
          envelope.from = /<(.*)>/.exec(argument)?.[1] ?? '';
          return void reply('250 2.1.0 Ok');
        case 'RCPT': {
          const to = /<(.*)>/.exec(argument)?.[1] ?? '';
          if (to.startsWith('reject')) return void reply('550 5.1.1 Recipient address rejected: no such user');
          envelope.to.push(to);
          return void reply('250 2.1.5 Ok');
        }
        case 'DATA':
          data = [];
          return void reply('354 End data with <CR><LF>.<CR><LF>');
        case 'QUIT':
          reply('221 2.0.0 Bye');
          socket.end();
          return 'stop';
        default:
          reply('502 5.5.2 Command not recognized');
      }
    }

    function listen(s: net.Socket) {
      s.setEncoding('utf8');
      s.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const text = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (line(text) === 'stop') return;
        }
      });
    }

    raw.on('error', () => undefined);
    if (settings.silent) return;
    listen(raw);
    reply('220 test.local ESMTP ready');
  }

  return {
    received,
    settings,
    get port() {
      return port;
    },
    async start() {
      server = net.createServer(session);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.address() as net.AddressInfo).port;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
  };
}
