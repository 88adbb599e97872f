import type { LineHeading } from '../../server/metrics/lineSources.ts';
import type { Translate } from '../../server/web/i18n.ts';

/** The pages of a line that link to each other. */
export type LinePage = 'line' | 'balance' | 'simulate' | 'questions';

const paths: Record<LinePage, string> = { line: '', balance: '/balance', simulate: '/simulate', questions: '/questions' };
const labels = { line: 'line.sim.back', balance: 'line.balance', simulate: 'line.simulate', questions: 'line.questions' } as const;

/**
 * Where a line's page is and where it leads: the line's area, site and zone, then the line's
 * other pages (`back` first, a page of its own to return to).
 */
export function LineLinks({
  line,
  t,
  pages,
  back,
}: {
  line: Pick<LineHeading, 'id' | 'areaName' | 'siteName' | 'timezone'>;
  t: Translate;
  pages: LinePage[];
  back?: { href: string; label: string };
}) {
  return (
    <>
      <p class="lead">{t('line.where', { area: line.areaName, site: line.siteName, zone: line.timezone })}</p>
      <nav class="actions line-links" aria-label={t('line.links')}>
        {back && (
          <a class="button secondary" href={back.href}>
            {back.label}
          </a>
        )}
        {pages.map((p) => (
          <a class="button secondary" href={`/lines/${line.id}${paths[p]}`}>
            {t(labels[p])}
          </a>
        ))}
      </nav>
    </>
  );
}
