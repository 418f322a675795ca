import type { Finding } from '../findings.js';
import type { SourceRef } from './source-ref.js';

/** Selective access on one list: the items a user may read and the items they may write. */
export interface ListAccess {
  read: string[];
  write: string[];
}

/** What a user should have in one model. */
export interface DesiredModelAccess {
  /** Model role, e.g. `Planner`. `No Access` removes the user from the model. */
  role: string;
  /** Single sign-on flag in this model. @default false */
  sso: boolean;
  /**
   * Workspace Administrator flag (it belongs to the model's workspace). Imported only where the target declares
   * that the model's USERS import sets it; otherwise a difference is a `manual` operation. @default false
   */
  workspaceAdmin: boolean;
  /** List name → items. Lists not named are left as they are in Anaplan only when the role is kept. */
  selectiveAccess: Record<string, ListAccess>;
}

/** One user as the source wants them. */
export interface DesiredUser {
  /** The e-mail login; compared ignoring case and Unicode normalization (`userNameKey` of `@anaplan-access/core`). */
  userName: string;
  givenName: string;
  familyName: string;
  /** @default true */
  active: boolean;
  externalId?: string | undefined;
  /** Workspaces (ids, or names resolved against the target) the user should belong to. */
  workspaces: string[];
  /** Model (id, or name resolved against the target) → access. */
  models: Record<string, DesiredModelAccess>;
  /** Every source row that contributed to this user. */
  refs: SourceRef[];
}

/** The desired state a source loaded: valid users, plus findings for the rows that could not be used. */
export interface DesiredState {
  /** Describes the source, e.g. `csv:access.csv`. */
  source: string;
  users: DesiredUser[];
  findings: Finding[];
}
