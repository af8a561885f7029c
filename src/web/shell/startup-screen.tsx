import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';

/** What shows before we know who is signed in, or when the server could not tell us. */
export function StartupScreen({ error, onRetry }: { error?: unknown; onRetry?: () => void }) {
  return (
    <div className="startup-screen">
      {error === undefined ? <LoadingState /> : <ErrorNotice error={error} onRetry={onRetry} />}
    </div>
  );
}
