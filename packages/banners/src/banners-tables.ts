import type { Generated } from 'kysely';

export interface BannersTables {
  /** Every published document, never changed or deleted; the newest is live. */
  banner_versions: {
    id: Generated<number>;
    /** The document exactly as published, byte for byte, so a rollback restores it exactly. */
    document: string;
    published_at: Generated<Date>;
    actor_id: number;
    actor_name: string;
    request_id: string;
    /** The version a rollback restored; null for an upload. */
    restored_from: number | null;
  };
  /** A checked document waiting to be previewed and published; nobody but its preview links sees it. */
  banner_drafts: {
    id: Generated<number>;
    document: string;
    created_at: Generated<Date>;
    actor_id: number;
    actor_name: string;
  };
}
