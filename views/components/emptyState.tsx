import type { Child } from 'hono/jsx';

/** What a section says when it has nothing yet, and what to do about it. */
export function EmptyState({ message, children }: { message: string; children?: Child }) {
  return (
    <div class="empty">
      <p>{message}</p>
      {children}
    </div>
  );
}
