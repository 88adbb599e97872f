/**
 * A progress bar that says its percentage in words beside it (and inside the element, for
 * browsers without a native bar), named for screen readers by its label.
 */
export function ProgressBar({ id, label, fraction, words }: { id: string; label: string; fraction: number; words: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  return (
    <div class="progress">
      <label for={id}>{label}</label>
      <progress id={id} value={pct} max={100} aria-valuetext={words}>
        {`${pct} %`}
      </progress>
      <p class="progress-words">{words}</p>
    </div>
  );
}
