import { useState } from 'react';
import type { TActiveCall, TScreenPop } from '../../shared/api/operators.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useMe } from '../session/session-context.ts';
import { CallBar } from './call-bar.tsx';
import { CallerHistory, OpenCases } from './caller-history.tsx';
import { IntakeForm } from './intake-form.tsx';
import { TransferPanel } from './transfer-panel.tsx';
import { WrapUpPanel } from './wrap-up-panel.tsx';

type TScreenPopProps = { pop: TScreenPop; call: TActiveCall | undefined; now: number; onChanged: () => void };

function focusForm() {
  document.querySelector<HTMLElement>('.intake-form select, .intake-form input')?.focus();
}

/** Everything about the caller, on screen while the phone still rings, and the tools for the call. */
export function ScreenPop({ pop, call, now, onChanged }: TScreenPopProps) {
  const { t } = useI18n();
  const me = useMe();
  const [chosen, setChosen] = useState<{ id?: string; reference?: string }>({
    id: pop.collected.caseId,
    reference: pop.collected.caseReference,
  });
  const [transferOpen, setTransferOpen] = useState(false);
  const customer = pop.caller.customer;
  const greeting = pop.tenant.greetingScript.replaceAll('{operator}', me.user.name);
  const phase = call?.status ?? 'ringing';

  const chooseCase = (id: string | undefined, reference?: string) => {
    setChosen({ id, reference: reference ?? pop.openCases.find((c) => c.id === id)?.reference });
  };

  return (
    <article className={`card screen-pop screen-pop--${phase}`} data-testid="screen-pop" data-phase={phase} aria-labelledby="pop-title">
      <header className="screen-pop__header">
        <p className="screen-pop__phase" aria-live="assertive">
          {phase === 'ringing' ? t('console.pop.ringing') : null}
        </p>
        <h2 className="screen-pop__tenant" id="pop-title" data-testid="pop-tenant">
          {pop.tenant.name}
          <span className="muted screen-pop__queue"> · {pop.queue.name}</span>
        </h2>
        <blockquote className="greeting" lang={pop.tenant.language} data-testid="pop-greeting">
          <span className="greeting__label">{t('console.pop.greeting')}</span>
          {greeting}
        </blockquote>
        <div className="screen-pop__caller">
          <span className="muted">{t('console.pop.caller')}</span>
          <strong data-testid="pop-caller">{pop.caller.phone || t('console.pop.anonymous')}</strong>
          <span data-testid="pop-customer">{customer ? customer.name : t('console.pop.unknownCustomer')}</span>
        </div>
        {pop.collected.path.length > 0 ? (
          <p className="muted screen-pop__path">
            {t('console.pop.path')}: {pop.collected.path.join(' › ')}
          </p>
        ) : null}
        {pop.transferredFrom ? (
          <p className="notice notice--info" data-testid="pop-transferred">
            <strong>
              {pop.transferredFrom.agentName
                ? t('console.pop.transferredFrom', { name: pop.transferredFrom.agentName })
                : t('console.pop.transferredFromQueue')}
            </strong>
            {pop.transferredFrom.note ? ` · ${pop.transferredFrom.note}` : ''}
          </p>
        ) : null}
      </header>

      {call && call.status !== 'wrap_up' ? (
        <>
          <CallBar
            call={call}
            now={now}
            transferOpen={transferOpen || Boolean(call.consulting)}
            onToggleTransfer={() => setTransferOpen((open) => !open)}
            onFocusForm={focusForm}
            onDone={onChanged}
          />
          {transferOpen || call.consulting ? <TransferPanel call={call} onDone={onChanged} onClose={() => setTransferOpen(false)} /> : null}
        </>
      ) : null}
      {call?.status === 'wrap_up' ? <WrapUpPanel key={call.queueCallId} call={call} now={now} onDone={onChanged} /> : null}

      <div className="screen-pop__body">
        <IntakeForm key={pop.queueCallId} pop={pop} caseId={chosen.id} caseReference={chosen.reference} onCaseChosen={chooseCase} />
        <div className="screen-pop__context">
          <OpenCases pop={pop} chosenCaseId={chosen.id} onUse={(id) => chooseCase(id)} />
          <CallerHistory pop={pop} />
        </div>
      </div>
    </article>
  );
}
