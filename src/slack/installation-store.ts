/**
 * Slack installations (one per workspace, or one per Enterprise Grid organization for an org-wide
 * install) kept through Bolt's `InstallationStore` interface, so Bolt's installer writes them at
 * the end of "Add to Slack" (and again when it refreshes a rotating token) and Bolt's `authorize`
 * reads the right bot token for every request.
 *
 * Records are keyed `E:<enterprise id>` for an org-wide install and `T:<team id>` otherwise; a
 * workspace of a Grid organization installed org-wide is found through its enterprise. Where they
 * live is a small port (`InstallationRecords`): the state store for a deployment (shared by every
 * replica), memory for one process or a test.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';

export interface InstallationRecords {
  put(key: string, record: { readonly teamId?: string; readonly enterpriseId?: string; readonly json: string }): Promise<void>;
  get(key: string): Promise<string | undefined>;
  delete(key: string): Promise<boolean>;
}

export class MemoryInstallationRecords implements InstallationRecords {
  readonly records = new Map<string, string>();
  async put(key: string, record: { readonly json: string }): Promise<void> {
    this.records.set(key, record.json);
  }
  async get(key: string): Promise<string | undefined> {
    return this.records.get(key);
  }
  async delete(key: string): Promise<boolean> {
    return this.records.delete(key);
  }
}

export function installationKey(query: { readonly isEnterpriseInstall?: boolean; readonly enterpriseId?: string | undefined; readonly teamId?: string | undefined }): string | undefined {
  if (query.isEnterpriseInstall && query.enterpriseId) return `E:${query.enterpriseId}`;
  if (query.teamId) return `T:${query.teamId}`;
  return query.enterpriseId ? `E:${query.enterpriseId}` : undefined;
}

export class NoInstallation extends Error {
  constructor(what: string) {
    super(`no Slack installation for ${what}`);
  }
}

export class StoredInstallations implements InstallationStore {
  constructor(private readonly records: InstallationRecords) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(installation: Installation<AuthVersion, boolean>): Promise<void> {
    const enterpriseId = installation.enterprise?.id;
    const teamId = installation.team?.id;
    const key = installationKey({ isEnterpriseInstall: installation.isEnterpriseInstall === true, enterpriseId, teamId });
    if (!key) throw new Error('slack: an installation without team or enterprise id cannot be stored');
    await this.records.put(key, { ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}), json: JSON.stringify(installation) });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const keys = [installationKey(query), query.enterpriseId ? `E:${query.enterpriseId}` : undefined].filter((k): k is string => !!k);
    for (const key of new Set(keys)) {
      const json = await this.records.get(key);
      if (json) return JSON.parse(json) as Installation<'v1' | 'v2', boolean>;
    }
    throw new NoInstallation(keys.join(' or ') || 'an empty query');
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = installationKey(query);
    if (key) await this.records.delete(key);
  }
}

/** What the state store offers that installations need (its small key-value "meta" facts). */
export interface MetaStore {
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  deleteMeta(key: string): Promise<boolean>;
}

/**
 * Installations in the state store (SQLite or PostgreSQL), shared by every replica: one meta
 * fact per installation, `slack.installation.<key>` → the installation's JSON; a deleted
 * installation's row goes (an empty value, as earlier versions left, reads as none).
 */
export class StateStoreInstallationRecords implements InstallationRecords {
  constructor(private readonly store: MetaStore) {}
  async put(key: string, record: { readonly json: string }): Promise<void> {
    await this.store.setMeta(`slack.installation.${key}`, record.json);
  }
  async get(key: string): Promise<string | undefined> {
    return (await this.store.getMeta(`slack.installation.${key}`)) || undefined;
  }
  async delete(key: string): Promise<boolean> {
    const had = Boolean(await this.get(key));
    await this.store.deleteMeta(`slack.installation.${key}`);
    return had;
  }
}
