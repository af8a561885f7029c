import type { PhoneLine } from '../phone-line/phone-line.ts';
import type { MetricsRegistry } from './metrics-registry.ts';

/** The phone line's own counters (SIP messages and errors, calls, RTP ports), read from its stats at scrape time. */
export function registerPhoneLineMetrics(registry: MetricsRegistry, phoneLine: Pick<PhoneLine, 'stats'>): void {
  const sip = () => phoneLine.stats().sip;
  registry.register({
    name: 'centralita_sip_messages_total', type: 'counter', help: 'SIP messages received and sent',
    collect: () => [
      { labels: { direction: 'received' }, value: sip().transport.messagesReceived },
      { labels: { direction: 'sent' }, value: sip().transport.messagesSent },
    ],
  });
  registry.register({
    name: 'centralita_sip_errors_total', type: 'counter', help: 'SIP errors by kind: unparseable messages, send failures, handler failures, oversized messages dropped',
    collect: () => {
      const t = sip().transport;
      return [
        ...Object.entries(t.parseErrorsByReason).map(([reason, value]) => ({ labels: { kind: 'parse', reason }, value })),
        { labels: { kind: 'send', reason: '' }, value: t.sendErrors },
        { labels: { kind: 'handler', reason: '' }, value: t.handlerErrors },
        { labels: { kind: 'oversized', reason: '' }, value: t.oversizedDropped },
        { labels: { kind: 'bad_request_answered', reason: '' }, value: t.badRequestsAnswered },
      ];
    },
  });
  registry.register({
    name: 'centralita_sip_calls_offered_total', type: 'counter', help: 'INVITEs offered to the phone line',
    collect: () => [{ value: sip().callsOffered }],
  });
  registry.register({
    name: 'centralita_sip_active_calls', type: 'gauge', help: 'SIP dialogs in progress on the phone line',
    collect: () => [{ value: sip().activeCalls }],
  });
  registry.register({
    name: 'centralita_rtp_ports_in_use', type: 'gauge', help: 'RTP ports held by calls',
    collect: () => [{ value: phoneLine.stats().rtpPortsInUse }],
  });
}
