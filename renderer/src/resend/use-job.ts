// Follows one re-send job from the moment it is started. Progress events can reach the page before
// the answer to the call that started the job, so every job's latest state is kept and states are
// merged by how far they got (finished beats running, more completed beats fewer), never by arrival.
import { useEffect, useRef, useState } from 'react';
import type { JobInfo } from '../../../shared/model.js';
import { useApi, useConnection, useEventBatches } from '../api/context.js';
import { furthest } from './job-merge.js';

export function useTrackedJob(): [JobInfo | null, (job: JobInfo) => void] {
  const seen = useRef(new Map<number, JobInfo>());
  const [id, setId] = useState<number | null>(null);
  const [, rerender] = useState(0);
  const note = (j: JobInfo) => seen.current.set(j.id, furthest(seen.current.get(j.id), j));
  useEventBatches('jobProgress', (batch) => {
    batch.forEach(note);
    rerender((n) => n + 1);
  });
  // After a reconnect the job may have moved on (or finished) unseen: read its state once.
  const api = useApi();
  const connection = useConnection();
  useEffect(
    () =>
      connection.onResync((missed) => {
        if (id === null || !missed.includes('jobProgress')) return;
        api.getJob({ jobId: id }).then(
          (job) => {
            if (!job) return;
            note(job);
            rerender((n) => n + 1);
          },
          () => {}, // the last state seen stays; the next event or reconnect brings a newer one
        );
      }),
    [connection, api, id],
  );
  const track = (job: JobInfo) => {
    note(job);
    setId(job.id);
  };
  return [id === null ? null : (seen.current.get(id) ?? null), track];
}
