/** A message box: an error (role alert, read out at once) or a notice. The word says the kind, not only the colour. */
export function Alert({ kind, title, message }: { kind: 'error' | 'notice'; title: string; message?: string }) {
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <strong>{title}</strong>
      {message && <p>{message}</p>}
    </div>
  );
}
