import type { ProgramLineOee, ProgramPageData } from '../../server/programs/programView.ts';
import { SetupLinks } from '../components/setupLinks.tsx';
import { AuditTab } from '../audit/auditTab.tsx';
import type { Translate } from '../../server/web/i18n.ts';
import { dateTime } from '../../server/web/format.ts';
import { Alert } from '../components/alert.tsx';
import { AdoptionSection } from './adoption.tsx';
import { MilestonesSection } from './milestones.tsx';
import type { ReviewFormState } from './reviewForm.tsx';
import { OeeSection } from './oee.tsx';
import { CoverageNote, RiskBadge, RiskReasons } from './risk.tsx';
import { RoiSection } from './roi.tsx';
import { TRUST_ID, TrustSection } from './trust.tsx';

type Warnings = ProgramPageData['warnings'];

/**
 * The program's stall risk with what to fix first, and the risk of each use case. Also sent
 * out of band (`oob`) after a review, which can put a milestone at risk.
 */
export function RiskSection({
  t,
  programId,
  warnings,
  zone,
  oob,
}: {
  t: Translate;
  programId: string;
  warnings: Warnings;
  zone: string;
  oob?: boolean;
}) {
  return (
    <section
      id="risk"
      class={`card risk-card risk-${warnings.riskLevel}`}
      aria-labelledby="risk-heading"
      hx-swap-oob={oob ? 'true' : undefined}
    >
      <h2 id="risk-heading">
        {t('sponsor.risk.title')} <RiskBadge t={t} level={warnings.riskLevel} score={warnings.score} />
      </h2>
      <p class="small muted">{t('sponsor.program.asOf', { time: dateTime(warnings.asOf, zone) })}</p>
      <h3>{t('sponsor.risk.fixFirst')}</h3>
      <RiskReasons t={t} signals={warnings.signals} programId={programId} />
      <CoverageNote t={t} coverage={warnings.coverage} />
      {warnings.useCases.length > 0 && (
        <>
          <h3>{t('sponsor.risk.byUseCase')}</h3>
          <ul class="use-case-risks">
            {warnings.useCases.map((u) => (
              <li>
                <a href={`/use-cases/${u.useCaseId}`}>{u.title}</a> <RiskBadge t={t} level={u.riskLevel} score={u.score} />{' '}
                <span class="small muted">{t(`sponsor.stage.${u.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export interface ProgramViewProps {
  t: Translate;
  data: ProgramPageData;
  /** Today in the program's calendar. */
  today: string;
  now: Date;
  csrfToken?: string;
  /** The CSV link of each table. */
  csv: { milestones: string; roi: string; adoption: string; oee: string };
  /** The OEE when the page shows it in place (no script); otherwise htmx loads it. */
  oee?: ProgramLineOee;
  form?: ReviewFormState;
  notice?: string;
  /** The role may set the program up (its sponsor or an admin); the forms check the rest. */
  canSetUp?: boolean;
}

const sections = [
  ['risk', 'sponsor.risk.title'],
  ['milestones', 'sponsor.milestones.title'],
  ['roi', 'sponsor.roi.title'],
  [TRUST_ID, 'tr.program.heading'],
  ['adoption', 'sponsor.adoption.title'],
  ['oee', 'sponsor.oee.title'],
] as const;

/** The program page: risk first (what to fix), then the plan, the value and how far the twin's predictions held, the adoption and the lines. */
export function ProgramView({ t, data, today, now, csrfToken, csv, oee, form, notice, canSetUp }: ProgramViewProps) {
  const { program } = data;
  return (
    <>
      {program.description && <p class="lead">{program.description}</p>}
      <p class="small muted">
        {t('sponsor.program.facts', {
          goLive: program.goLiveDate,
          valueEnds: program.valueWindowEnds,
          sites: program.siteIds.length,
          zone: program.timezone,
        })}
      </p>
      {program.archivedAt && (
        <Alert kind="notice" title={t('sponsor.program.archived', { time: dateTime(program.archivedAt, program.timezone) })} />
      )}
      {canSetUp && (
        <SetupLinks
          label={t('sponsor.program.setUp')}
          links={[
            { href: `/programs/${program.id}/edit`, text: t('sponsor.program.edit') },
            { href: `/programs/${program.id}/groups`, text: t('sponsor.program.groups') },
            { href: `/programs/${program.id}/data-sources`, text: t('sponsor.program.sources') },
            { href: `/programs/${program.id}/use-cases/new`, text: t('sponsor.program.newUseCase') },
            { href: `/programs/${program.id}/milestones/new`, text: t('sponsor.program.newMilestone') },
          ]}
        />
      )}
      <nav class="on-this-page" aria-label={t('sponsor.program.onThisPage')}>
        <ul>
          {sections.map(([id, key]) => (
            <li>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <RiskSection t={t} programId={program.id} warnings={data.warnings} zone={program.timezone} />
      <MilestonesSection
        t={t}
        programId={program.id}
        today={today}
        data={data.milestones}
        csvHref={csv.milestones}
        csrfToken={csrfToken}
        form={form}
        notice={notice}
      />
      <RoiSection t={t} roi={data.roi} series={data.series} csvHref={csv.roi} />
      <TrustSection t={t} trust={data.trust} />
      <AdoptionSection t={t} programId={program.id} view={data.adoption} csvHref={csv.adoption} />
      <OeeSection t={t} programId={program.id} data={oee} now={now} csvHref={csv.oee} />
      <AuditTab entityType="program" entityId={program.id} t={t} zone={program.timezone} />
    </>
  );
}
