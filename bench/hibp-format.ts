/** The bench's generated incidents as a Have I Been Pwned breach list (one breach per record, a unique Name each). */
import type { IncidentInput } from '../src/core/incident-schema.js';

export function toHibpBreaches(records: readonly IncidentInput[]): { breaches: Record<string, unknown>[]; names: Map<string, string> } {
  const names = new Map<string, string>();
  const used = new Set<string>();
  const breaches = records.map((r) => {
    let name = r.organization.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]/g, '') || 'Breach';
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.replace(/\d+$/, '')}${n}`;
    used.add(name.toLowerCase());
    names.set(r.id, name);
    const start = r.dates?.occurred?.start ?? r.dates?.disclosed ?? '2020';
    return {
      Name: name,
      Title: r.organization.name,
      Domain: r.organization.domains?.[0] ?? '',
      BreachDate: start.length === 4 ? `${start}-01-01` : start.length === 7 ? `${start}-01` : start,
      AddedDate: r.addedAt,
      ModifiedDate: r.addedAt,
      PwnCount: r.records?.total?.count ?? 1000,
      Description: r.summary.en,
      DataClasses: r.dataClasses && r.dataClasses.length > 0 ? r.dataClasses : ['Email addresses'],
      IsVerified: true,
      IsFabricated: false,
      IsSensitive: false,
      IsRetired: false,
      IsSpamList: false,
      IsMalware: false,
      IsStealerLog: false,
      IsSubscriptionFree: false,
      LogoPath: '',
    };
  });
  return { breaches, names };
}
