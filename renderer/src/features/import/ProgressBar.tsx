// A long job's progress (reading a big file, importing it) with its Cancel button.
import type { Job } from './use-import';

const LABELS: Record<Job['kind'], string> = { preview: 'Reading the file…', import: 'Importing…' };

export function ProgressBar({ job, onCancel }: { job: Job; onCancel: () => void }) {
  const percent = job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  const label = LABELS[job.kind];
  return (
    <div className="import-progress" role="status">
      <span>{label}</span>
      <div className="import-progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
        aria-valuetext={job.total > 0 ? `${job.done} of ${job.total} rows` : undefined}>
        <div className="import-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="muted">{job.total > 0 ? `${job.done.toLocaleString()} of ${job.total.toLocaleString()} rows` : ''}</span>
      <button type="button" className="button small" onClick={onCancel}>Cancel</button>
    </div>
  );
}
