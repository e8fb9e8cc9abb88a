// Send, and Cancel while the job it started runs: the pair every form that starts a re-send job shows.
import type { JobInfo } from '../../../shared/model.js';
import { useApi } from '../api/context.js';

/** `disabled`: the form has nothing to send yet (Send is also off while its job runs). */
export function SendButtons({
  job,
  setJob,
  disabled = false,
}: {
  job: JobInfo | null;
  setJob: (job: JobInfo) => void;
  disabled?: boolean;
}) {
  const api = useApi();
  const running = job?.state === 'running';
  return (
    <>
      <button type="submit" className="primary" disabled={running || disabled}>
        Send
      </button>
      {running && (
        <button type="button" onClick={() => void api.cancelJob({ jobId: job.id }).then((j) => j && setJob(j))}>
          Cancel
        </button>
      )}
    </>
  );
}
