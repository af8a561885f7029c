import { useState, type FormEvent } from 'react';
import type { TFieldJob, TJobReport } from '../../shared/api/field.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { groupReference } from '../common/format.ts';
import { SignaturePad } from './signature-pad.tsx';

type TReportFormProps = { job: TFieldJob; onSubmit: (report: TJobReport) => void; onCancel: () => void };

/** "2 × bearing" or "bearing": a quantity is optional, one part per line. */
function parseParts(text: string): TJobReport['parts'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(\d{1,3})\s*[x×]\s*(.+)$/i.exec(line);
      return match ? { quantity: Number(match[1]), name: match[2]!.trim().slice(0, 200) } : { quantity: 1, name: line.slice(0, 200) };
    });
}

export function ReportForm({ job, onSubmit, onCancel }: TReportFormProps) {
  const { t } = useI18n();
  const [workDone, setWorkDone] = useState('');
  const [parts, setParts] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [signature, setSignature] = useState<string | undefined>(undefined);
  const [signedBy, setSignedBy] = useState(job.customerName ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      workDone: workDone.trim(), parts: parseParts(parts), minutes: Math.max(0, Math.min(1440, Math.round(Number(minutes) || 0))),
      ...(signature ? { signature, signedBy: signedBy.trim() || undefined } : {}),
    });
  };

  return (
    <form className="card form field-report" onSubmit={submit} aria-labelledby="report-title" data-testid="report-form">
      <h2 className="card__title" id="report-title">
        {t('field.report.title')} · {groupReference(job.reference)}
      </h2>
      <div className="field">
        <label htmlFor="report-work">{t('field.report.workDone')}</label>
        <textarea id="report-work" data-testid="report-work" rows={3} required maxLength={4000} value={workDone} onChange={(e) => setWorkDone(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="report-parts">{t('field.report.parts')}</label>
        <textarea id="report-parts" data-testid="report-parts" rows={2} value={parts} onChange={(e) => setParts(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="report-minutes">{t('field.report.minutes')}</label>
        <input id="report-minutes" data-testid="report-minutes" type="number" inputMode="numeric" min={0} max={1440} required value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </div>
      <div className="field">
        <span className="field__label">{t('field.report.signature')}</span>
        <SignaturePad onChange={setSignature} />
      </div>
      <div className="field">
        <label htmlFor="report-signed-by">{t('field.report.signedBy')}</label>
        <input id="report-signed-by" maxLength={200} value={signedBy} onChange={(e) => setSignedBy(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" data-testid="report-submit">
          {t('field.report.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('field.report.cancel')}
        </button>
      </div>
    </form>
  );
}
