import type { Child } from 'hono/jsx';
import { CsrfField, Field, FormError } from '../components/field.tsx';
import {
  cardId,
  type CardPlace,
  type EscalationCard,
  type EscalationFormAction,
  type EscalationFormState,
  type EscalationViewContext,
} from './model.tsx';

interface ActionProps {
  card: EscalationCard;
  ctx: EscalationViewContext;
  place: CardPlace;
  form?: EscalationFormState;
}

/**
 * One action's form: a plain POST that works without script (answered with a redirect back), and
 * with htmx the same post re-rendering the card in place. The button is disabled while it runs,
 * so a double press cannot resolve twice.
 */
function ActionForm({ card, ctx, place, action, children }: ActionProps & { action: EscalationFormAction; children: Child }) {
  const url = `/escalations/${card.id}/${action}`;
  return (
    <form
      method="post"
      action={url}
      hx-post={url}
      hx-target={`#${cardId(place, card.id)}`}
      hx-swap="outerHTML"
      hx-disabled-elt="find button"
      class={`action-form action-${action}`}
    >
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="from" value={place} />
      {children}
    </form>
  );
}

/** A form folded behind its summary (a keyboard-operable disclosure), opened when it came back with an error. */
function Disclosure({ label, open, children }: { label: string; open: boolean; children: Child }) {
  return (
    <details class="action" open={open}>
      <summary>{label}</summary>
      {children}
    </details>
  );
}

function fieldsOf(props: ActionProps, action: EscalationFormAction) {
  const mine = props.form?.action === action ? props.form : undefined;
  return { errors: mine?.errors, values: mine?.values ?? {}, open: !!mine };
}

function NoteArea({
  props,
  action,
  name,
  label,
  required,
}: {
  props: ActionProps;
  action: EscalationFormAction;
  name: string;
  label: string;
  required: boolean;
}) {
  const { errors, values } = fieldsOf(props, action);
  return (
    <Field id={`${action}-${name}-${props.place}-${props.card.id}`} name={name} label={label} errors={errors}>
      {(attrs) => (
        <textarea {...attrs} rows={3} maxlength={10_000} required={required} autofocus={!!errors?.[name]}>
          {values[name] ?? ''}
        </textarea>
      )}
    </Field>
  );
}

function Reassign(props: ActionProps) {
  const { t } = props.ctx;
  const { errors, values, open } = fieldsOf(props, 'reassign');
  const people = props.card.assignable;
  return (
    <Disclosure label={t('owner.action.reassign')} open={open}>
      {people.length === 0 ? (
        <p class="small muted">{t('owner.reassign.nobody')}</p>
      ) : (
        <ActionForm {...props} action="reassign">
          <Field
            id={`reassign-to-${props.place}-${props.card.id}`}
            name="assigneeId"
            label={t('owner.reassign.to')}
            errors={errors}
            hint={t('owner.reassign.hint')}
          >
            {(attrs) => (
              <select {...attrs} required autofocus={!!errors?.assigneeId}>
                <option value="">{t('owner.reassign.choose')}</option>
                {people.map((p) => (
                  <option value={p.id} selected={values.assigneeId === p.id}>
                    {p.name} ({p.roles.map((r) => t(`role.${r}` as never)).join(', ')})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <NoteArea props={props} action="reassign" name="note" label={t('owner.reassign.note')} required={false} />
          <button type="submit">{t('owner.reassign.submit')}</button>
        </ActionForm>
      )}
    </Disclosure>
  );
}

/**
 * What the signed-in person may do with an escalation, as buttons and small forms: acknowledge,
 * comment, hand over and resolve while it is unresolved; reopen once resolved (on its own page).
 */
export function EscalationActions(props: ActionProps & { preserve?: boolean }) {
  const { card, ctx, place, form, preserve } = props;
  const { t } = ctx;
  const unresolved = card.status !== 'resolved';
  const canAcknowledge = card.may.handle && (card.status === 'open' || card.status === 'reopened');
  if (!card.may.handle && !card.may.comment) return null;
  return (
    // The id carries the status: a poll keeps a half-typed form only while the escalation is unchanged.
    <div
      class="escalation-actions"
      id={`actions-${place}-${card.id}-${card.status}`}
      hx-preserve={preserve ? 'true' : undefined}
      role="group"
      aria-label={t('owner.action.group', { title: card.title })}
    >
      <FormError errors={form?.errors} />
      <div class="actions">
        {canAcknowledge && (
          <ActionForm {...props} action="acknowledge">
            <button type="submit">{t('owner.action.acknowledge')}</button>
          </ActionForm>
        )}
        {card.may.comment && (
          <Disclosure label={t('owner.action.comment')} open={fieldsOf(props, 'comment').open}>
            <ActionForm {...props} action="comment">
              <NoteArea props={props} action="comment" name="text" label={t('owner.comment.text')} required />
              <button type="submit">{t('owner.comment.submit')}</button>
            </ActionForm>
          </Disclosure>
        )}
        {unresolved && card.may.handle && <Reassign {...props} />}
        {unresolved && card.may.handle && (
          <Disclosure label={t('owner.action.resolve')} open={fieldsOf(props, 'resolve').open}>
            <ActionForm {...props} action="resolve">
              <NoteArea props={props} action="resolve" name="note" label={t('owner.resolve.note')} required />
              <button type="submit">{t('owner.resolve.submit')}</button>
            </ActionForm>
          </Disclosure>
        )}
        {!unresolved && card.may.handle && place === 'detail' && (
          <Disclosure label={t('owner.action.reopen')} open={fieldsOf(props, 'reopen').open}>
            <ActionForm {...props} action="reopen">
              <NoteArea props={props} action="reopen" name="note" label={t('owner.reopen.note')} required />
              <button type="submit">{t('owner.reopen.submit')}</button>
            </ActionForm>
          </Disclosure>
        )}
      </div>
    </div>
  );
}
