/** A plain-text e-mail as RFC 5322 / MIME text: CRLF line ends, UTF-8 that survives 7-bit relays. */
export interface MailMessage {
  from: string;
  fromName?: string;
  to: string;
  subject: string;
  text: string;
  /** Without the angle brackets: `<id>@<domain>`. */
  messageId: string;
  date: Date;
  idempotencyKey: string;
}

const CRLF = '\r\n';
// 39 bytes make 52 base64 characters: each encoded word is 64 characters, so "Subject: " plus
// one word stays within the 76 characters RFC 2047 asks of a line holding encoded words.
const wordBytes = 39;
const plainHeader = /^[\x20-\x7e]*$/;
const address = /^[^\s<>()",;:\\[\]@]+@[^\s<>()",;:\\[\]@]+$/;

/** RFC 2047: text that is not plain ASCII becomes `=?UTF-8?B?…?=` words, split between characters, folded. */
export function encodeHeaderText(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  if (plainHeader.test(oneLine) && !oneLine.includes('=?')) return oneLine;
  const words: string[] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const char of oneLine) {
    const bytes = Buffer.byteLength(char);
    if (size + bytes > wordBytes && chunk.length) {
      words.push(chunk.join(''));
      chunk = [];
      size = 0;
    }
    chunk.push(char);
    size += bytes;
  }
  if (chunk.length) words.push(chunk.join(''));
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(`${CRLF} `);
}

/** `"Name" <address>`, with the name encoded when it is not plain ASCII. */
export function formatMailbox(addr: string, name?: string): string {
  if (!address.test(addr)) throw new Error(`not a mailbox address: ${JSON.stringify(addr)}`);
  if (!name) return `<${addr}>`;
  const display = plainHeader.test(name) && !name.includes('=?') ? `"${name.replace(/[\\"]/g, '\\$&')}"` : encodeHeaderText(name);
  return `${display} <${addr}>`;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 date-time, in UTC. */
export function formatMailDate(date: Date): string {
  return `${days[date.getUTCDay()]}, ${two(date.getUTCDate())} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/**
 * RFC 2045 quoted-printable: readable for Latin text, safe through any relay, lines of at most
 * 76 characters (soft breaks end in `=`), trailing blanks encoded so no relay can strip them.
 */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      const out: string[] = [];
      let current = '';
      bytes.forEach((byte, i) => {
        const last = i === bytes.length - 1;
        const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        const token = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (current.length + token.length > 75) {
          out.push(`${current}=`);
          current = '';
        }
        current += token;
      });
      out.push(current);
      return out.join(CRLF);
    })
    .join(CRLF);
}

/** RFC 5321 §4.5.2: a line of the message that starts with a dot gets one more, so it cannot end DATA. */
export function dotStuff(message: string): string {
  return message.replace(/(^|\r\n)\./g, '$1..');
}

/** What goes after DATA: the stuffed message and the lone dot that ends it. */
export function dataSection(message: string): string {
  const stuffed = dotStuff(message);
  return `${stuffed}${stuffed.endsWith(CRLF) ? '' : CRLF}.${CRLF}`;
}

export function formatMessage(m: MailMessage): string {
  const headers = [
    `From: ${formatMailbox(m.from, m.fromName)}`,
    `To: ${formatMailbox(m.to)}`,
    `Subject: ${encodeHeaderText(m.subject)}`,
    `Date: ${formatMailDate(m.date)}`,
    `Message-ID: <${m.messageId}>`,
    `X-Idempotency-Key: ${encodeHeaderText(m.idempotencyKey)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
  ];
  return `${headers.join(CRLF)}${CRLF}${CRLF}${encodeQuotedPrintable(m.text)}${CRLF}`;
}
