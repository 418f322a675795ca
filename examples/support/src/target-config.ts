import { readFile } from 'node:fs/promises';
import type { AnaplanTargetModel, PlanPolicy } from '@anaplan-access/reconcile';

/**
 * What the engine manages in a tenant: the workspaces, the models with their USERS import and Users export, and
 * the accounts it must never touch. Against a real tenant it is read from the JSON file named by
 * `ANAPLAN_TARGET_FILE` (see `anaplan-target.example.json`).
 */
export interface TargetConfig {
  /** Ids of the managed workspaces: only their members are ever changed. */
  workspaces: string[];
  /** The managed models. */
  models: AnaplanTargetModel[];
  /** Break-glass and other accounts the plan must leave alone (the integration account always is). */
  protectedUsers?: string[];
  /** The deletion guard's limits. @default { maxCount: 25, maxPercent: 10 } */
  deletionGuard?: PlanPolicy['deletionGuard'];
}

/** Reads a target file; every problem is reported with the file's name. */
export async function readTargetConfig(path: string | undefined): Promise<TargetConfig> {
  if (!path) {
    throw new Error('Set ANAPLAN_TARGET_FILE to a JSON file describing the managed workspaces and models.');
  }
  const config = JSON.parse(await readFile(path, 'utf8')) as Partial<TargetConfig>;
  if (!Array.isArray(config.workspaces) || !Array.isArray(config.models)) {
    throw new Error(`${path}: expected { "workspaces": [...], "models": [...] }`);
  }
  return config as TargetConfig;
}

/** The plan policy of a target: its protected users and deletion guard. */
export function policyOf(config: TargetConfig): PlanPolicy {
  return {
    protectedUsers: config.protectedUsers ?? [],
    ...(config.deletionGuard ? { deletionGuard: config.deletionGuard } : {}),
  };
}
