import type { PrecisionReached } from '../../server/questions/replicate.ts';
import { percent } from '../../server/web/format.ts';
import { machineName, runTime } from '../simulation/model.tsx';
import type { AnswerInput, QuestionViewContext } from './model.tsx';

/**
 * How far an answer can be trusted, folded away under it: the precision its key figure reached
 * (replications, the 95 % half-width achieved against the one aimed at, and whether the cap
 * stopped it first), the model it ran on, and everything that had to be assumed.
 */
export function AnswerDetails({
  precision,
  assumptions,
  input,
  ctx,
}: {
  precision: PrecisionReached;
  assumptions: string[];
  input: AnswerInput;
  ctx: QuestionViewContext;
}) {
  const { t } = ctx;
  const values = {
    replications: precision.replications,
    achieved: percent(precision.achieved, 1),
    target: percent(precision.target, 1),
    cap: input.precision.maxReplications,
  };
  return (
    <details class="answer-details">
      <summary>{t('q.details')}</summary>
      <p>
        {precision.reached ? (
          t('q.precision.reached', values)
        ) : (
          <>
            {t('q.precision.short', values)} <span class="badge warn">{t('q.precision.notReached', values)}</span>
          </>
        )}
      </p>
      <p>{t(`q.model.${input.modelSource.kind}`, { run: input.modelSource.runId ?? '' })}</p>
      <p class="small muted">{t('q.intervals')}</p>
      <h3>{t('q.assumptions')}</h3>
      {assumptions.length ? (
        <ul class="small">
          {assumptions.map((a) => (
            <li>{a}</li>
          ))}
        </ul>
      ) : (
        <p class="small">{t('q.assumptions.none')}</p>
      )}
    </details>
  );
}

/** The line's live state the runs started from: each station's state, since when and its part, and the parts waiting before it. */
export function StartState({ input, ctx, open }: { input: AnswerInput; ctx: QuestionViewContext; open?: boolean }) {
  const { t } = ctx;
  const { start } = input;
  const buffers = new Map(start.buffers.map((b) => [b.before, b]));
  return (
    <details class="answer-start" open={open}>
      <summary>{t('q.start.title', { time: runTime(start.asOf, ctx) })}</summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('line.sim.col.station')}</th>
              <th scope="col">{t('q.start.state')}</th>
              <th scope="col">{t('q.start.since')}</th>
              <th scope="col">{t('q.start.product')}</th>
              <th scope="col" class="num">
                {t('line.buffer')}
              </th>
            </tr>
          </thead>
          <tbody>
            {start.stations.map((s, i) => {
              const b = buffers.get(s.code);
              return (
                <tr>
                  <th scope="row">{machineName(s.code, ctx)}</th>
                  <td>{t(s.state ? `line.state.${s.state}` : 'line.state.unknown')}</td>
                  <td>{runTime(s.since, ctx)}</td>
                  <td>{s.product ?? '–'}</td>
                  <td class="num">
                    {i === 0
                      ? t('line.buffer.first')
                      : b?.level == null
                        ? '–'
                        : t(b.basis === 'measured' ? 'line.buffer.measured' : 'line.buffer.derived', { level: b.level })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
