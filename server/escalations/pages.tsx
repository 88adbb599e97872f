import { pathId } from '../web/params.ts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Actor, AppEnv } from '../deps.ts';
import { allows, type Policy } from '../auth/policies.ts';
import { anchorOf, mayChange } from '../access/index.ts';
import { InvalidInputError, NotFoundError, PreconditionFailedError, RuleViolationError } from '../core/errors.ts';
import { inTransaction, type Write } from '../core/write.ts';
import {
  csvHref,
  csvResponse,
  domainFieldErrors,
  formValues,
  hxTarget,
  isFragment,
  pageContext,
  parseForm,
  renderPage,
  signedIn,
  signedInFor,
  wantsCsv,
  type PageContext,
} from '../web/index.ts';
import { Alert } from '../../views/components/alert.tsx';
import { EscalationDetail } from '../../views/escalations/detail.tsx';
import { DoneNotice, FlashNotice, INBOX_LIST_ID, InboxHeading, InboxList } from '../../views/escalations/inbox.tsx';
import { InboxItem } from '../../views/escalations/item.tsx';
import {
  cardId,
  escalationActions,
  type CardPlace,
  type EscalationCard,
  type EscalationFormAction,
  type EscalationFormState,
  type EscalationViewContext,
} from '../../views/escalations/model.tsx';
import { escalationCards } from './cards.ts';
import { changeEscalationStatus, commentOnEscalation, getEscalation, inbox, reassignEscalation } from './escalations.ts';

/**
 * The owner's pages: `/inbox` (my open escalations, handled in place) and `/escalations/{id}`
 * (one escalation with its history, what notifications link to). The actions post to
 * `/escalations/{id}/{action}` and call the same domain functions, under the same policies, as
 * the API routes.
 */
export const escalationPages = new Hono<AppEnv>();

const note = z.string().trim().max(10_000);
const required = (message: string) => note.min(1, message);
// The API's bodies (server/escalations/routes.ts), as form fields.
const forms = {
  acknowledge: z.object({ note: note.optional() }),
  comment: z.object({ text: required('write the comment') }),
  reassign: z.object({ assigneeId: z.string().uuid('choose who takes it over'), note: note.optional() }),
  resolve: z.object({ note: required('a note is required: say how it was settled') }),
  reopen: z.object({ note: required('a note is required: say why it came back') }),
} satisfies Record<EscalationFormAction, z.ZodType>;

// The same policy names as the API routes: comments are open to whoever may raise one.
const policyOf: Record<EscalationFormAction, Policy> = {
  acknowledge: 'escalation:handle',
  comment: 'escalation:raise',
  reassign: 'escalation:handle',
  resolve: 'escalation:handle',
  reopen: 'escalation:handle',
};

/** The escalation the path names: an id that is no UUID names nothing (404), and never reaches the database. */
function escalationIdOf(c: Context<AppEnv>): string {
  return pathId(c, 'escalation');
}

function viewContext(ctx: PageContext): EscalationViewContext {
  return { t: ctx.t, now: ctx.now, csrfToken: ctx.actor.csrfToken ?? '' };
}

/** My open escalations as cards; on my own, I may handle them (the assignee does) if my role may. */
async function inboxCards(c: Context<AppEnv>, actor: Actor, now: Date): Promise<EscalationCard[]> {
  const { db } = c.var.deps;
  const may = { handle: allows('escalation:handle', actor.role), comment: allows('escalation:raise', actor.role) };
  return escalationCards(db, await inbox(db, actor, now), () => may);
}

/** One escalation the person sees (404 otherwise), with what they may do to it by the domain's row check. */
async function oneCard(c: Context<AppEnv>, actor: Actor, id: string, now: Date): Promise<EscalationCard> {
  const { db } = c.var.deps;
  const row = await getEscalation(db, actor, id, now);
  const handle = allows('escalation:handle', actor.role) && (await mayChange(db, actor, await anchorOf(db, 'escalation', id), now));
  const [card] = await escalationCards(db, [row], () => ({ handle, comment: allows('escalation:raise', actor.role) }));
  return card;
}

const hoursToDue = (card: EscalationCard, now: Date) => Math.round(((card.dueAt.getTime() - now.getTime()) / 3_600_000) * 10) / 10;

function inboxCsv(c: Context<AppEnv>, cards: EscalationCard[], now: Date) {
  return csvResponse(c, {
    name: `inbox-${now.toISOString().slice(0, 10)}`,
    columns: [
      'id',
      'title',
      'severity',
      'status',
      'breached',
      'due_at',
      'hours_to_due',
      'subject_type',
      'subject',
      'program',
      'raised_by',
      'raised_at',
      'acknowledged_at',
      'times_escalated',
    ],
    rows: cards.map((e) => [
      e.id,
      e.title,
      e.severity,
      e.status,
      e.breached,
      e.dueAt,
      hoursToDue(e, now),
      e.subject.type,
      e.subject.name,
      e.program.name,
      e.raisedBy,
      e.createdAt,
      e.acknowledgedAt,
      e.escalationCount,
    ]),
  });
}

const doneOf = (c: Context) => escalationActions.find((a) => a === c.req.query('done'));

function inboxPage(
  c: Context<AppEnv>,
  ctx: PageContext,
  cards: EscalationCard[],
  refusal?: { id: string; form: EscalationFormState; status: 409 | 422 },
) {
  const vctx = viewContext(ctx);
  const href = '/inbox?format=csv';
  return renderPage(
    c,
    ctx,
    { title: ctx.t('owner.inbox.title'), current: '/inbox', status: refusal?.status },
    <>
      <p class="lead">{ctx.t('owner.inbox.lead')}</p>
      {refusal ? (
        <Alert kind="error" title={ctx.t('owner.refused')} message={refusal.form.errors._form ?? ctx.t('owner.refusedFields')} />
      ) : (
        <DoneNotice done={doneOf(c)} t={ctx.t} />
      )}
      <InboxList cards={cards} ctx={vctx} csvHref={href} form={refusal && { id: refusal.id, state: refusal.form }} />
    </>,
  );
}

escalationPages.get('/inbox', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const cards = await inboxCards(c, actor, ctx.now);
  if (wantsCsv(c)) return inboxCsv(c, cards, ctx.now);
  // The one fragment of this URL is the list, asked for by its own polling.
  if (isFragment(c)) return c.html(<InboxList cards={cards} ctx={viewContext(ctx)} csvHref={csvHref(c)} preserve />);
  return inboxPage(c, ctx, cards);
});

function detailPage(
  c: Context<AppEnv>,
  ctx: PageContext,
  card: EscalationCard,
  refusal?: { form: EscalationFormState; status: 409 | 422 },
) {
  return renderPage(
    c,
    ctx,
    { title: card.title, current: '/inbox', status: refusal?.status },
    <>
      <p>
        <a href="/inbox">{ctx.t('owner.esc.backToInbox')}</a>
      </p>
      {refusal ? (
        <Alert kind="error" title={ctx.t('owner.refused')} message={refusal.form.errors._form ?? ctx.t('owner.refusedFields')} />
      ) : (
        <DoneNotice done={doneOf(c)} t={ctx.t} />
      )}
      <EscalationDetail card={card} ctx={viewContext(ctx)} form={refusal?.form} csvHref={`/escalations/${card.id}?format=csv`} />
    </>,
  );
}

escalationPages.get('/escalations/:id', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const card = await oneCard(c, actor, escalationIdOf(c), ctx.now);
  if (wantsCsv(c))
    return csvResponse(c, {
      name: `escalation-${card.id}-history`,
      columns: ['at', 'event', 'by', 'from', 'to', 'note'],
      rows: card.events.map((e) => [e.at, e.kind, e.actor ?? 'system', e.from, e.to, e.note]),
    });
  if (isFragment(c)) return c.html(<EscalationDetail card={card} ctx={viewContext(ctx)} csvHref={`/escalations/${card.id}?format=csv`} />);
  return detailPage(c, ctx, card);
});

type Input<A extends EscalationFormAction> = z.infer<(typeof forms)[A]>;

function run(w: Write, action: EscalationFormAction, id: string, input: Input<EscalationFormAction>) {
  if (action === 'comment') return commentOnEscalation(w, id, (input as Input<'comment'>).text);
  if (action === 'reassign') return reassignEscalation(w, id, input as Input<'reassign'>);
  return changeEscalationStatus(w, id, action, (input as Input<'resolve'>).note ?? '');
}

/** A refusal the person can act on (a rule, an input wrong in context, a change made meanwhile), shown where they asked. */
function refusalStatus(err: unknown): 409 | 422 | undefined {
  if (err instanceof RuleViolationError || err instanceof PreconditionFailedError) return 409;
  if (err instanceof InvalidInputError) return 422;
  return undefined;
}

/** Which card the action came from: the htmx target names it; a plain form says so in its `from` field. */
function placeOf(c: Context, id: string, from: string | undefined): CardPlace {
  const target = hxTarget(c);
  if (target === cardId('detail', id)) return 'detail';
  if (target === cardId('inbox', id)) return 'inbox';
  return from === 'detail' ? 'detail' : 'inbox';
}

async function refused(c: Context<AppEnv>, ctx: PageContext, id: string, place: CardPlace, form: EscalationFormState, status: 409 | 422) {
  const card = await oneCard(c, ctx.actor, id, ctx.now);
  const vctx = viewContext(ctx);
  if (isFragment(c)) {
    if (place === 'detail')
      return c.html(<EscalationDetail card={card} ctx={vctx} form={form} csvHref={`/escalations/${id}?format=csv`} />, status);
    // Focus goes to the field at fault (autofocus in the form), else back to the escalation.
    const onField = Object.keys(form.errors).some((k) => k !== '_form');
    return c.html(<InboxItem card={card} ctx={vctx} form={form} focus={!onField} />, status);
  }
  if (place === 'detail') return detailPage(c, ctx, card, { form, status });
  const cards = await inboxCards(c, ctx.actor, ctx.now);
  // The escalation may have left my inbox meanwhile (resolved by someone else): show it with its refusal anyway.
  return inboxPage(c, ctx, cards.some((x) => x.id === id) ? cards : [card, ...cards], { id, form, status });
}

/** The answer after a change: the card again, or, when it left my inbox, a notice and the new count. */
async function changed(c: Context<AppEnv>, ctx: PageContext, id: string, place: CardPlace, action: EscalationFormAction) {
  if (!isFragment(c)) return c.redirect(`${place === 'detail' ? `/escalations/${id}` : '/inbox'}?done=${action}`, 303);
  const vctx = viewContext(ctx);
  if (place === 'detail') {
    const card = await oneCard(c, ctx.actor, id, ctx.now);
    return c.html(<EscalationDetail card={card} ctx={vctx} csvHref={`/escalations/${id}?format=csv`} />);
  }
  const cards = await inboxCards(c, ctx.actor, ctx.now);
  const card = cards.find((x) => x.id === id);
  if (card)
    return c.html(
      <>
        <InboxItem card={card} ctx={vctx} focus />
        <InboxHeading cards={cards} t={ctx.t} oob />
      </>,
    );
  const gone = await oneCard(c, ctx.actor, id, ctx.now);
  const message =
    action === 'reassign'
      ? ctx.t('owner.flash.reassigned', { title: gone.title, name: gone.assignee })
      : ctx.t('owner.flash.left', { title: gone.title, status: ctx.t(`owner.status.${gone.status}`) });
  const flash = <FlashNotice message={message} />;
  if (cards.length === 0) {
    // The last one left: the whole list turns into its empty state.
    c.header('hx-retarget', `#${INBOX_LIST_ID}`);
    c.header('hx-reswap', 'outerHTML');
    return c.html(
      <>
        <InboxList cards={cards} ctx={vctx} csvHref="/inbox?format=csv" />
        {flash}
      </>,
    );
  }
  // An empty answer removes the row (outerHTML); the heading and the notice come out of band.
  return c.html(
    <>
      {flash}
      <InboxHeading cards={cards} t={ctx.t} oob />
    </>,
  );
}

for (const action of escalationActions) {
  escalationPages.post(`/escalations/:id/${action}`, async (c) => {
    const actor = signedInFor(c, policyOf[action]);
    const ctx = pageContext(c, actor);
    const id = escalationIdOf(c);
    const values = await formValues(c);
    const place = placeOf(c, id, values.from);
    const parsed = await parseForm(c, forms[action]);
    if (!parsed.ok) return refused(c, ctx, id, place, { action, errors: parsed.errors, values: parsed.values }, 422);
    try {
      await inTransaction(c.var.deps, actor, (w) => run(w, action, id, parsed.data));
    } catch (err) {
      const status = refusalStatus(err);
      if (!status) throw err;
      return refused(c, ctx, id, place, { action, errors: domainFieldErrors(err) ?? {}, values }, status);
    }
    return changed(c, ctx, id, place, action);
  });
}

// An action this page does not know names nothing (and an anonymous caller learns only that they must sign in).
escalationPages.post('/escalations/:id/:action', (c) => {
  signedIn(c);
  throw new NotFoundError('no such action on an escalation');
});
