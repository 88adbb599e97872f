import type { ProgramMilestones } from '../../server/programs/programView.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { Alert } from '../components/alert.tsx';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { MilestoneTimeline, type TimelineStatus } from '../charts/timeline.tsx';
import { dueText, MilestoneBadge, milestoneState } from './common.tsx';
import { ReviewForm, type ReviewFormState } from './reviewForm.tsx';

type Milestone = ProgramMilestones['milestones'][number];

export interface MilestonesProps {
  t: Translate;
  programId: string;
  /** Today in the program's calendar. */
  today: string;
  data: ProgramMilestones;
  csvHref: string;
  csrfToken?: string;
  /** The review form as it came back with errors (422). */
  form?: ReviewFormState;
  /** Said once after a change (a review recorded). */
  notice?: string;
}

function StatusCell({ t, m, today }: { t: Translate; m: Milestone; today: string }) {
  const state = milestoneState(m);
  return (
    <td>
      <MilestoneBadge t={t} state={state} />
      {m.atRisk && <span class="small muted"> {t('sponsor.status.atRiskWhy', { count: m.consecutiveMisses })}</span>}
      {m.status !== 'met' && m.dueBy < today && <span class="small overdue"> {t('sponsor.milestones.overdue')}</span>}
    </td>
  );
}

function History({ t, m }: { t: Translate; m: Milestone }) {
  if (!m.history.length) return <span class="muted small">{t('sponsor.milestones.noReviews')}</span>;
  return (
    <ol class="history">
      {m.history.map((h) => (
        <li title={h.note || undefined}>
          <span class="small">{h.heldOn}</span> <span class={`badge ${h.status}`}>{t(`sponsor.status.${h.status}`)}</span>
        </li>
      ))}
    </ol>
  );
}

function MilestoneTable({ t, rows, today }: { t: Translate; rows: Milestone[]; today: string }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('sponsor.milestones.milestone')}</th>
            <th scope="col">{t('sponsor.milestones.due')}</th>
            <th scope="col">{t('sponsor.milestones.status')}</th>
            <th scope="col">{t('sponsor.milestones.owner')}</th>
            <th scope="col">{t('sponsor.milestones.history')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr id={`milestone-${m.id}`} class={milestoneState(m)}>
              <th scope="row">
                {m.title}
                <span class="small muted criterion">{m.criterion}</span>
                <span class="small">
                  {m.useCaseId ? <a href={`/use-cases/${m.useCaseId}`}>{m.useCase ?? ''}</a> : t('sponsor.milestones.programWide')}
                </span>
              </th>
              <td>{dueText(m)}</td>
              <StatusCell t={t} m={m} today={today} />
              <td>{m.owner ?? '–'}</td>
              <td>
                <History t={t} m={m} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function timelineDescription(t: Translate, rows: Milestone[]): string {
  const count = (s: TimelineStatus) => rows.filter((m) => milestoneState(m) === s).length;
  const sorted = rows.map((m) => m.dueBy).sort();
  return t('sponsor.milestones.timelineDesc', {
    count: rows.length,
    first: dueText(rows.find((m) => m.dueBy === sorted[0])!),
    last: dueText(rows.find((m) => m.dueBy === sorted[sorted.length - 1])!),
    met: count('met'),
    atRisk: count('at_risk'),
    missed: count('missed'),
    planned: count('planned'),
    deferred: count('deferred'),
  });
}

function Review({ t, programId, today, data, csrfToken, form }: MilestonesProps) {
  const open = data.milestones.filter((m) => m.status !== 'met');
  return (
    <section class="review" aria-labelledby="review-heading">
      <h3 id="review-heading">{t('sponsor.review.title')}</h3>
      {!data.mayReview ? (
        <p class="muted">{t('sponsor.review.notYours')}</p>
      ) : !open.length ? (
        <EmptyState message={t('sponsor.review.nothingOpen')} />
      ) : (
        <>
          <p class="muted small">{t('sponsor.review.lead')}</p>
          <ReviewForm t={t} programId={programId} today={today} open={open} state={form} csrfToken={csrfToken} />
        </>
      )}
    </section>
  );
}

/**
 * The milestones of a program: the quarter timeline, the table with each one's reviews, and the
 * review form. The whole section is the htmx answer to a recorded (or refused) review.
 */
export function MilestonesSection(props: MilestonesProps) {
  const { t, today, data, csvHref, notice } = props;
  const rows = data.milestones;
  return (
    <section id="milestones" class="card" aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t('sponsor.milestones.title')}</h2>
      {notice && <Alert kind="notice" title={notice} />}
      {!rows.length ? (
        <EmptyState message={t('sponsor.milestones.none')} />
      ) : (
        <>
          <MilestoneTimeline
            id="milestone-timeline"
            title={t('sponsor.milestones.timeline')}
            description={timelineDescription(t, rows)}
            today={today}
            todayText={t('sponsor.milestones.today')}
            items={rows.map((m) => ({
              id: m.id,
              label: m.title,
              dueBy: m.dueBy,
              dueQuarter: m.dueQuarter,
              status: milestoneState(m),
              statusText: t(`sponsor.status.${milestoneState(m)}`),
            }))}
          />
          <TableTools t={t} csvHref={csvHref} />
          <MilestoneTable t={t} rows={rows} today={today} />
        </>
      )}
      <Review {...props} />
    </section>
  );
}
