import type { ExperienceLevel } from '../read-rows.js';
import type { SnapshotService } from '../snapshots/snapshot.service.js';
import { composeReport, type MarketReport } from './compose.js';
import type { ReportTemplateService } from './template.service.js';

export type { MarketReport };

/** The market-intelligence page of a role in a country, written from the market's current figures. */
export class ReportService {
  constructor(
    private readonly snapshots: SnapshotService,
    private readonly templates: ReportTemplateService,
  ) {}

  /**
   * The report of a market at `period` (its latest snapshot when none is given), every figure
   * computed now through the snapshot service, the wording from the stored templates.
   * @returns the report, or null when the market has no snapshot.
   * @throws NOT_FOUND for an unknown country or role, BAD_USER_INPUT for a malformed code or period.
   */
  async marketReport(countryCode: string, roleSlug: string, options: { period?: string | null; level: ExperienceLevel }): Promise<MarketReport | null> {
    const { country, role, snapshot } = await this.snapshots.market(countryCode, roleSlug, options);
    if (!snapshot) return null;
    const [projection, previous, brackets, skills, certifications, sources, templates] = await Promise.all([
      this.snapshots.growthDelta(snapshot, 'PROJECTION'),
      this.snapshots.growthDelta(snapshot, 'PREVIOUS_PERIOD'),
      this.snapshots.premiumBrackets(snapshot),
      this.snapshots.skills(snapshot.id),
      this.snapshots.certifications(snapshot.id),
      this.snapshots.sources(snapshot),
      this.templates.forMarket({ roleSlug: role.slug, category: role.category, countryCode: country.code }),
    ]);
    return composeReport(
      {
        country,
        role,
        snapshot,
        projection,
        previous,
        brackets,
        skills: skills.map((entry) => ({ name: entry.skill.name, premiumPercent: entry.premiumPercent })),
        certifications: certifications.map((entry) => entry.certification),
        provenance: snapshot.provenance,
        sources,
      },
      templates,
    );
  }
}
