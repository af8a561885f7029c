const COMPACT_FORMS: ReadonlyMap<string, string> = new Map([
  ['i', 'Call-ID'],
  ['m', 'Contact'],
  ['e', 'Content-Encoding'],
  ['l', 'Content-Length'],
  ['f', 'From'],
  ['t', 'To'],
  ['v', 'Via'],
  ['k', 'Supported'],
  ['c', 'Content-Type'],
  ['s', 'Subject'],
  ['o', 'Event'],
  ['r', 'Refer-To'],
  ['b', 'Referred-By'],
  ['u', 'Allow-Events'],
  ['x', 'Session-Expires'],
]);

const KNOWN_NAMES: ReadonlyMap<string, string> = new Map(
  [
    'Accept', 'Accept-Encoding', 'Accept-Language', 'Alert-Info', 'Allow', 'Allow-Events', 'Authentication-Info',
    'Authorization', 'Call-ID', 'Call-Info', 'Contact', 'Content-Disposition', 'Content-Encoding', 'Content-Language',
    'Content-Length', 'Content-Type', 'CSeq', 'Date', 'Error-Info', 'Event', 'Expires', 'From', 'In-Reply-To',
    'Max-Forwards', 'Min-Expires', 'MIME-Version', 'Organization', 'P-Asserted-Identity', 'Priority',
    'Proxy-Authenticate', 'Proxy-Authorization', 'Proxy-Require', 'RAck', 'Reason', 'Record-Route', 'Refer-To',
    'Referred-By', 'Reply-To', 'Require', 'Retry-After', 'Route', 'RSeq', 'Server', 'Session-Expires', 'Subject',
    'Subscription-State', 'Supported', 'Timestamp', 'To', 'Unsupported', 'User-Agent', 'Via', 'Warning',
    'WWW-Authenticate',
  ].map((name) => [name.toLowerCase(), name]),
);

/** Headers whose grammar is a comma-separated list, so several lines and one comma-joined line mean the same. */
const LIST_HEADERS: ReadonlySet<string> = new Set([
  'Accept', 'Accept-Encoding', 'Accept-Language', 'Alert-Info', 'Allow', 'Allow-Events', 'Call-Info', 'Contact',
  'Content-Encoding', 'Content-Language', 'Error-Info', 'In-Reply-To', 'P-Asserted-Identity', 'Proxy-Require',
  'Record-Route', 'Require', 'Route', 'Supported', 'Unsupported', 'Via', 'Warning',
]);

/** Expands compact forms and normalises the case of known names; unknown names keep their spelling. */
export function canonicalHeaderName(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT_FORMS.get(lower) ?? KNOWN_NAMES.get(lower) ?? name;
}

export function isListHeader(canonicalName: string): boolean {
  return LIST_HEADERS.has(canonicalName);
}
