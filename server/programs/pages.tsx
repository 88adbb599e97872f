import { pathId } from '../web/params.ts';
import { allows } from '../auth/policies.ts';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { dateIn } from '../core/calendar.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { inTransaction } from '../core/write.ts';
import { createReview } from '../milestones/index.ts';
import { earlyWarnings } from '../warnings/index.ts';
import {
  domainFieldErrors,
  formValues,
  hxTarget,
  isFragment,
  pageContext,
  parseForm,
  renderPage,
  signedInFor,
  wantsCsv,
  type FieldErrors,
  type PageContext,
} from '../web/index.ts';
import { AdoptionSection } from '../../views/programs/adoption.tsx';
import { MilestonesSection } from '../../views/programs/milestones.tsx';
import { OeeTable } from '../../views/programs/oee.tsx';
import { Portfolio } from '../../views/programs/portfolio.tsx';
import { ProgramView, RiskSection } from '../../views/programs/program.tsx';
import { fixHref } from '../../views/programs/risk.tsx';
import type { AdoptionPeriod } from './adoption.ts';
import { adoption } from './adoptionReport.ts';
import { portfolioCsv, programCsv, programCsvHref } from './pageCsv.ts';
import { portfolio } from './portfolio.ts';
import { getProgram } from './programs.ts';
import { programLineOee, programMilestones, programPage } from './programView.ts';
import { reviewForm } from './reviewForm.ts';

/** The sponsor's pages: the portfolio at `/` and each program's page with its review form. */
export const programPages = new Hono<AppEnv>();

/** The program id of the path; one that cannot be an id names nothing (404, never a database error). */
function programIdOf(c: Context<AppEnv>): string {
  return pathId(c, 'program');
}

function periodOf(c: Context): AdoptionPeriod {
  return c.req.query('period') === 'month' ? 'month' : 'week';
}

function csvLinks(programId: string, period: AdoptionPeriod) {
  return {
    milestones: programCsvHref(programId, 'milestones', period),
    roi: programCsvHref(programId, 'roi', period),
    adoption: programCsvHref(programId, 'adoption', period),
    oee: programCsvHref(programId, 'oee', period),
  };
}

programPages.get('/', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const programs = await portfolio(c.var.deps.db, actor, ctx.now);
  if (wantsCsv(c)) return portfolioCsv(c, ctx, programs, fixHref);
  return renderPage(
    c,
    ctx,
    { title: ctx.t('sponsor.portfolio.title') },
    <Portfolio t={ctx.t} now={ctx.now} programs={programs} csvHref="/?format=csv" />,
  );
});

/** The parts of the program page htmx asks for by their id, each rendered alone. */
async function programFragment(c: Context<AppEnv>, ctx: PageContext, id: string, period: AdoptionPeriod): Promise<Response | undefined> {
  const { db } = c.var.deps;
  const target = hxTarget(c);
  if (target === 'oee-body') {
    const data = await programLineOee(db, ctx.actor, id, ctx.now);
    return c.html(<OeeTable t={ctx.t} data={data} now={ctx.now} csvHref={programCsvHref(id, 'oee', period)} />);
  }
  if (target === 'adoption') {
    const view = await adoption(db, ctx.actor, id, { period }, ctx.now);
    return c.html(<AdoptionSection t={ctx.t} programId={id} view={view} csvHref={programCsvHref(id, 'adoption', period)} />);
  }
  if (target === 'milestones') return c.html(await milestonesFragment(c, ctx, id));
  return undefined;
}

/** The whole program page, with the review form as it came back when it was refused. */
async function programPageResponse(c: Context<AppEnv>, ctx: PageContext, id: string, options: { form?: RefusedForm; status?: 422 } = {}) {
  const { db } = c.var.deps;
  const period = periodOf(c);
  const showOee = c.req.query('oee') === 'show';
  const [data, oee] = await Promise.all([
    programPage(db, ctx.actor, id, ctx.now, period),
    showOee ? programLineOee(db, ctx.actor, id, ctx.now) : undefined,
  ]);
  const reviewed = c.req.query('reviewed');
  const notice = reviewed && /^\d{4}-\d{2}-\d{2}$/.test(reviewed) ? ctx.t('sponsor.review.recorded', { date: reviewed }) : undefined;
  return renderPage(
    c,
    ctx,
    { title: data.program.name, current: '/', status: options.status },
    <ProgramView
      t={ctx.t}
      data={data}
      today={dateIn(ctx.now, data.program.timezone)}
      now={ctx.now}
      csrfToken={ctx.actor.csrfToken}
      csv={csvLinks(id, period)}
      oee={oee}
      form={options.form}
      notice={notice}
      canSetUp={allows('program:write', ctx.actor.role)}
    />,
  );
}

programPages.get('/programs/:id', async (c) => {
  const actor = signedInFor(c, 'read');
  const ctx = pageContext(c, actor);
  const id = programIdOf(c);
  const period = periodOf(c);
  if (wantsCsv(c)) return programCsv(c, ctx, id, period);
  if (isFragment(c)) {
    const fragment = await programFragment(c, ctx, id, period);
    if (fragment) return fragment;
  }
  return programPageResponse(c, ctx, id);
});

/** The milestones section as it stands, with a notice or with the refused form. */
async function milestonesFragment(c: Context<AppEnv>, ctx: PageContext, id: string, extra: { notice?: string; form?: RefusedForm } = {}) {
  const { db } = c.var.deps;
  const [program, data] = await Promise.all([getProgram(db, ctx.actor, id), programMilestones(db, ctx.actor, id, ctx.now)]);
  return (
    <MilestonesSection
      t={ctx.t}
      programId={id}
      today={dateIn(ctx.now, program.timezone)}
      data={data}
      csvHref={programCsvHref(id, 'milestones', periodOf(c))}
      csrfToken={ctx.actor.csrfToken}
      {...extra}
    />
  );
}

/**
 * Records a review (the API's `POST /programs/{id}/reviews`, same policy and domain function).
 * With htmx the answer is the milestones section again, and the risk section out of band, as a
 * review can put a milestone at risk; a plain form is sent back to the page (303). A refused
 * form comes back with its field errors (422) and nothing is written.
 */
programPages.post('/programs/:id/reviews', async (c) => {
  const actor = signedInFor(c, 'review:write');
  const ctx = pageContext(c, actor);
  const id = programIdOf(c);
  const parsed = await parseForm(c, reviewForm);
  if (parsed.ok) {
    try {
      await inTransaction(c.var.deps, actor, (w) => createReview(w, id, parsed.data));
    } catch (err) {
      // Out of scope or not theirs: the page's error, not a field's.
      if (err instanceof ForbiddenError || err instanceof NotFoundError) throw err;
      const errors = domainFieldErrors(err);
      if (!errors) throw err;
      return refused(c, ctx, id, { errors, values: await formValues(c) });
    }
    if (!isFragment(c)) return c.redirect(`/programs/${id}?reviewed=${parsed.data.heldOn}#milestones`, 303);
    const notice = ctx.t('sponsor.review.recorded', { date: parsed.data.heldOn });
    const [section, warnings, program] = await Promise.all([
      milestonesFragment(c, ctx, id, { notice }),
      earlyWarnings(c.var.deps.db, actor, id, ctx.now),
      getProgram(c.var.deps.db, actor, id),
    ]);
    return c.html(
      <>
        {section}
        <RiskSection t={ctx.t} programId={id} warnings={warnings} zone={program.timezone} oob />
      </>,
    );
  }
  return refused(c, ctx, id, { errors: parsed.errors, values: parsed.values });
});

type RefusedForm = { errors: FieldErrors; values: Record<string, string> };

/** The refused review form again (422): in its section for htmx, in the whole page otherwise. */
async function refused(c: Context<AppEnv>, ctx: PageContext, id: string, form: RefusedForm) {
  if (isFragment(c)) return c.html(await milestonesFragment(c, ctx, id, { form }), 422);
  return programPageResponse(c, ctx, id, { form, status: 422 });
}
