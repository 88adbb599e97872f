import type { Translate } from '../../server/web/i18n.ts';

/** The tools above a table: its CSV export (the same URL and filters with `?format=csv`). */
export function TableTools({ t, csvHref }: { t: Translate; csvHref: string }) {
  return (
    <div class="table-tools">
      <a href={csvHref} download>
        {t('csv.download')}
      </a>
    </div>
  );
}
