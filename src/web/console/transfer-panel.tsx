import { useState, type FormEvent } from 'react';
import type { TActiveCall, TTransferQueueCall } from '../../shared/api/operators.ts';
import { actOnCall, getTransferTargets, transferQueueCall } from '../api/operators.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';

type TTransferPanelProps = { call: TActiveCall; onDone: () => void; onClose: () => void };

/** Blind or attended transfer; the server carries the collected data and the form with the call. */
export function TransferPanel({ call, onDone, onClose }: TTransferPanelProps) {
  const { t } = useI18n();
  const api = useApi();
  const targets = useAsync((signal) => getTransferTargets(api, call.queueCallId, signal), [api, call.queueCallId]);
  const [mode, setMode] = useState<TTransferQueueCall['mode']>('blind');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = target.split(':');
    if (!id) return;
    const to = kind === 'agent' ? { agentUserId: id } : { queueId: id };
    void run(() => transferQueueCall(api, call.queueCallId, { mode, to, note: note.trim() || undefined }));
  };

  if (call.consulting) {
    return (
      <section className="transfer-panel" aria-label={t('console.transfer.title')} data-testid="transfer-consulting">
        <p className="notice notice--info">
          {t('console.transfer.consulting')} <strong>{call.consulting.name}</strong>
        </p>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={busy || !call.consulting.answered} onClick={() => void run(() => actOnCall(api, call.queueCallId, 'transfer/complete'))}>
            {t('console.transfer.complete')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void run(() => actOnCall(api, call.queueCallId, 'transfer/cancel'))}>
            {t('console.transfer.cancel')}
          </button>
        </div>
        {error ? <ErrorNotice error={error} /> : null}
      </section>
    );
  }

  const agents = targets.data?.agents ?? [];
  const queues = targets.data?.queues ?? [];
  return (
    <form className="form transfer-panel" onSubmit={submit} aria-labelledby="transfer-title" data-testid="transfer-panel">
      <h3 className="card__subtitle" id="transfer-title">
        {t('console.transfer.title')}
      </h3>
      <fieldset className="segmented" aria-label={t('console.transfer.mode')}>
        {(['blind', 'attended'] as const).map((option) => (
          <label key={option} className="segmented__option">
            <input type="radio" name="transfer-mode" value={option} checked={mode === option} onChange={() => setMode(option)} />
            {t(`console.transfer.${option}`)}
          </label>
        ))}
      </fieldset>
      {targets.status === 'loading' ? <LoadingState /> : null}
      {targets.status === 'failed' ? <ErrorNotice error={targets.error} onRetry={targets.reload} /> : null}
      {targets.status === 'ready' && agents.length + queues.length === 0 ? <p className="muted">{t('console.transfer.noTargets')}</p> : null}
      <div className="field">
        <label htmlFor="transfer-target">{t('console.transfer.to')}</label>
        <select id="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)} required>
          <option value="">{t('console.form.choose')}</option>
          {agents.length > 0 ? (
            <optgroup label={t('console.transfer.toAgent')}>
              {agents.map((agent) => (
                <option key={agent.userId} value={`agent:${agent.userId}`}>
                  {agent.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {queues.length > 0 && mode === 'blind' ? (
            <optgroup label={t('console.transfer.toQueue')}>
              {queues.map((queue) => (
                <option key={queue.id} value={`queue:${queue.id}`}>
                  {queue.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor="transfer-note">{t('console.wrapUp.notes')}</label>
        <input id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </div>
      <p className="muted">{t('console.transfer.contextNote')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy || !target}>
          {t('console.transfer.start')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('console.transfer.cancel')}
        </button>
      </div>
    </form>
  );
}
