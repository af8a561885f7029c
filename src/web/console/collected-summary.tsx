import type { TCollected } from '../../shared/api/operators.ts';
import { groupReference } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useIntakeSchema } from '../protocols/protocol-context.ts';
import { labelIntake } from '../protocols/intake-format.ts';
import { toIntakeValues } from './intake-values.ts';

/** What the IVR gathered, in a line: the protocol's labels, then the case it found or opened. */
export function CollectedSummary({ tenantId, collected }: { tenantId: string; collected: TCollected }) {
  const i18n = useI18n();
  const schema = useIntakeSchema(tenantId);
  // Until the tenant's protocol arrives, raw field keys would flash on screen: hold the place instead.
  if (schema === undefined) return <span className="muted" data-testid="collected-loading" aria-busy="true">…</span>;
  const values = labelIntake(schema, toIntakeValues(collected.intake), i18n);
  if (values.length === 0 && !collected.caseReference) return <span className="muted">{i18n.t('console.board.nothingCollected')}</span>;
  return (
    <ul className="collected" data-testid="collected">
      {collected.caseReference ? <li className="collected__reference">{groupReference(collected.caseReference)}</li> : null}
      {values.map((value) => (
        <li key={value.key} data-key={value.key}>
          <span className="collected__label">{value.label}:</span> {value.value}
        </li>
      ))}
    </ul>
  );
}
