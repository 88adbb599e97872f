import type { ProgramLineOee } from '../../server/programs/programView.ts';
import type { Translate } from '../../server/web/i18n.ts';
import { percent, timeOfDay } from '../../server/web/format.ts';
import { EmptyState } from '../components/emptyState.tsx';
import { TableTools } from '../components/tableTools.tsx';
import { Age } from './common.tsx';

type Line = ProgramLineOee['lines'][number];
type Figure = { value: number } | { value: null; reason: string };

const reasons = ['no_planned_time', 'no_production_time', 'no_output', 'no_good_output', 'no_ideal_cycle_time', 'no_stations'] as const;

/** A share from the metrics, or a dash with the reason it has none in words (a zero denominator is not 0 %). */
function FigureCell({ t, figure }: { t: Translate; figure: Figure }) {
  if (figure.value !== null) return <td class="num">{percent(figure.value)}</td>;
  const known = (reasons as readonly string[]).includes(figure.reason);
  return (
    <td class="num">
      –<span class="small muted block">{known ? t(`sponsor.oee.reason.${figure.reason as (typeof reasons)[number]}`) : figure.reason}</span>
    </td>
  );
}

function LineRow({ t, line, now }: { t: Translate; line: Line; now: Date }) {
  const plan = line.output.planSoFar;
  return (
    <tr>
      <th scope="row">
        <a href={`/lines/${line.lineId}`}>{line.name}</a>
      </th>
      <td>{line.site}</td>
      <td>
        {line.window.name.replace(/^shift /, '')}{' '}
        <span class="small muted">
          {timeOfDay(line.window.from, line.timezone)}–{timeOfDay(line.window.to, line.timezone)}
        </span>
      </td>
      <FigureCell t={t} figure={line.figures.oee} />
      <FigureCell t={t} figure={line.figures.availability} />
      <FigureCell t={t} figure={line.figures.effectiveness} />
      <FigureCell t={t} figure={line.figures.quality} />
      <td class="num">
        {line.output.good} / {plan.value ?? '–'}
      </td>
      <td class="num">{t('sponsor.oee.running', { running: line.running, total: line.stations })}</td>
      <td>
        {line.newestEventAt ? (
          <Age instant={line.newestEventAt} now={now} template={t('time.ago')} />
        ) : (
          <span class="badge stale">{t('live.noData')}</span>
        )}
      </td>
    </tr>
  );
}

/** The current-shift OEE of each line of the program: the fragment the page loads and refreshes. */
export function OeeTable({ t, data, now, csvHref }: { t: Translate; data: ProgramLineOee; now: Date; csvHref: string }) {
  if (!data.lines.length) return <EmptyState message={t('sponsor.oee.none')} />;
  return (
    <>
      <TableTools t={t} csvHref={csvHref} />
      <div class="table-wrap">
        <table class="oee">
          <thead>
            <tr>
              <th scope="col">{t('sponsor.oee.line')}</th>
              <th scope="col">{t('sponsor.oee.site')}</th>
              <th scope="col">{t('sponsor.oee.shift')}</th>
              <th scope="col" class="num">
                {t('sponsor.oee.oee')}
              </th>
              <th scope="col" class="num">
                {t('sponsor.oee.availability')}
              </th>
              <th scope="col" class="num">
                {t('sponsor.oee.performance')}
              </th>
              <th scope="col" class="num">
                {t('sponsor.oee.quality')}
              </th>
              <th scope="col" class="num">
                {t('sponsor.oee.output')}
              </th>
              <th scope="col" class="num">
                {t('sponsor.oee.stations')}
              </th>
              <th scope="col">{t('sponsor.oee.age')}</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((line) => (
              <LineRow t={t} line={line} now={now} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * The OEE section. Its figures are the page's dearest read, so the page arrives without them and
 * htmx loads them at once and every minute (the same URL, `HX-Target: oee-body`); without script,
 * the link shows the page with them in place.
 */
export function OeeSection({
  t,
  programId,
  data,
  now,
  csvHref,
}: {
  t: Translate;
  programId: string;
  data?: ProgramLineOee;
  now: Date;
  csvHref: string;
}) {
  return (
    <section id="oee" class="card" aria-labelledby="oee-heading">
      <h2 id="oee-heading">{t('sponsor.oee.title')}</h2>
      <div id="oee-body" hx-get={`/programs/${programId}`} hx-trigger={data ? 'every 60s' : 'load, every 60s'} hx-swap="innerHTML">
        {data ? (
          <OeeTable t={t} data={data} now={now} csvHref={csvHref} />
        ) : (
          <p class="muted">
            {t('sponsor.oee.loading')} <a href={`/programs/${programId}?oee=show#oee`}>{t('sponsor.oee.show')}</a>
          </p>
        )}
      </div>
    </section>
  );
}
