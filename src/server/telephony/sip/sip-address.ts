export interface SipUri {
  scheme: 'sip' | 'sips';
  user?: string;
  password?: string;
  host: string;
  port?: number;
  /** Parameter names are lower-cased (they are case-insensitive); a flag without `=` maps to null. */
  params: Map<string, string | null>;
  headers: Map<string, string>;
}

export interface NameAddr {
  displayName?: string;
  uri: SipUri;
  /** Header parameters such as `tag`, outside the angle brackets. */
  params: Map<string, string | null>;
}

const HOST_NAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const IPV6_REFERENCE = /^\[[0-9A-Fa-f:.]+\]$/;
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const DISPLAY_TOKENS = /^[A-Za-z0-9\-.!%*_+`'~ \t]+$/;
const USER_INFO = /^[A-Za-z0-9\-_.!~*'()%&=+$,;?/:]+$/;

/** Splits on `separator` except inside quoted strings and angle brackets, where commas and semicolons are data. */
export function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let inQuotes = false;
  let angleDepth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuotes = false;
    } else if (ch === '"') inQuotes = true;
    else if (ch === '<') angleDepth++;
    else if (ch === '>' && angleDepth > 0) angleDepth--;
    else if (ch === separator && angleDepth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function indexOutsideQuotes(text: string, target: string): number {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuotes = false;
    } else if (ch === '"') inQuotes = true;
    else if (ch === target) return i;
  }
  return -1;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

/** Parses `;a=1;b;c="x"` (leading separator optional); undefined when a name is not a token. */
export function parseParams(text: string): Map<string, string | null> | undefined {
  const params = new Map<string, string | null>();
  const trimmed = text.trim();
  if (trimmed === '') return params;
  const parts = splitOutsideQuotes(trimmed.startsWith(';') ? trimmed.slice(1) : trimmed, ';');
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!TOKEN.test(name)) return undefined;
    params.set(name, eq < 0 ? null : unquote(part.slice(eq + 1).trim()));
  }
  return params;
}

function parseHostPort(text: string): { host: string; port?: number } | undefined {
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    host = text.slice(0, close + 1);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return undefined;
      portText = rest.slice(1);
    }
    if (!IPV6_REFERENCE.test(host)) return undefined;
  } else {
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    portText = colon < 0 ? undefined : text.slice(colon + 1);
    if (!HOST_NAME.test(host)) return undefined;
  }
  if (portText === undefined) return { host };
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  return { host, port };
}

/** Parses `sip:user:password@host:port;params?headers`; undefined for anything that is not a valid sip/sips URI. */
export function parseSipUri(text: string): SipUri | undefined {
  const match = /^(sips?):(.+)$/i.exec(text.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  const scheme = match[1].toLowerCase() as 'sip' | 'sips';
  let rest = match[2];
  let user: string | undefined;
  let password: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userInfo = rest.slice(0, at);
    if (!USER_INFO.test(userInfo)) return undefined;
    const colon = userInfo.indexOf(':');
    user = colon < 0 ? userInfo : userInfo.slice(0, colon);
    password = colon < 0 ? undefined : userInfo.slice(colon + 1);
    if (user === '') return undefined;
    rest = rest.slice(at + 1);
  }
  const question = rest.indexOf('?');
  const headerText = question < 0 ? '' : rest.slice(question + 1);
  if (question >= 0) rest = rest.slice(0, question);
  const semicolon = rest.indexOf(';');
  const hostPort = parseHostPort(semicolon < 0 ? rest : rest.slice(0, semicolon));
  if (!hostPort) return undefined;
  const params = parseParams(semicolon < 0 ? '' : rest.slice(semicolon));
  if (!params) return undefined;
  const headers = new Map<string, string>();
  if (headerText !== '') {
    for (const pair of headerText.split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return undefined;
      headers.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  const uri: SipUri = { scheme, host: hostPort.host, params, headers };
  if (user !== undefined) uri.user = user;
  if (password !== undefined) uri.password = password;
  if (hostPort.port !== undefined) uri.port = hostPort.port;
  return uri;
}

export function formatParams(params: Map<string, string | null>): string {
  let text = '';
  for (const [name, value] of params) {
    if (value === null) text += `;${name}`;
    else text += TOKEN.test(value) || value === '' ? `;${name}=${value}` : `;${name}="${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return text;
}

export function formatSipUri(uri: SipUri): string {
  let text = `${uri.scheme}:`;
  if (uri.user !== undefined) text += uri.password === undefined ? `${uri.user}@` : `${uri.user}:${uri.password}@`;
  text += uri.host;
  if (uri.port !== undefined) text += `:${uri.port}`;
  for (const [name, value] of uri.params) text += value === null ? `;${name}` : `;${name}=${value}`;
  if (uri.headers.size > 0) text += `?${[...uri.headers].map(([k, v]) => `${k}=${v}`).join('&')}`;
  return text;
}

/** Parses a From/To/Contact value: `"Name" <uri>;params`, `Name <uri>`, or a bare URI whose `;params` belong to the header. */
export function parseNameAddr(text: string): NameAddr | undefined {
  const trimmed = text.trim();
  let displayName: string | undefined;
  let uriText: string;
  let paramText: string;
  const open = indexOutsideQuotes(trimmed, '<');
  if (open >= 0) {
    const close = trimmed.indexOf('>', open);
    if (close < 0) return undefined;
    const nameText = trimmed.slice(0, open).trim();
    if (nameText.startsWith('"')) {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(nameText)) return undefined;
      displayName = unquote(nameText);
    } else if (nameText !== '') {
      if (!DISPLAY_TOKENS.test(nameText)) return undefined;
      displayName = nameText.replace(/[ \t]+/g, ' ');
    }
    uriText = trimmed.slice(open + 1, close);
    paramText = trimmed.slice(close + 1);
    if (paramText.trim() !== '' && !paramText.trim().startsWith(';')) return undefined;
  } else {
    const semicolon = trimmed.indexOf(';');
    uriText = semicolon < 0 ? trimmed : trimmed.slice(0, semicolon);
    paramText = semicolon < 0 ? '' : trimmed.slice(semicolon);
  }
  const uri = parseSipUri(uriText);
  const params = parseParams(paramText);
  if (!uri || !params) return undefined;
  return displayName === undefined ? { uri, params } : { displayName, uri, params };
}

export function formatNameAddr(address: NameAddr): string {
  const name = address.displayName === undefined ? '' : `"${address.displayName.replace(/["\\]/g, '\\$&')}" `;
  return `${name}<${formatSipUri(address.uri)}>${formatParams(address.params)}`;
}

/** The `tag` parameter of a From/To value, or undefined when absent or unparsable. */
export function findTag(value: string): string | undefined {
  return parseNameAddr(value)?.params.get('tag') ?? undefined;
}
