import type { AccessTarget, DesiredState } from '@anaplan-access/reconcile';
import type { Simulator } from '@anaplan-access/testkit';
import { desiredState, desiredUser, ids, tenantSeed } from '../helpers/access-tenant.js';

// A tenant where one plan renames many users (one SCIM PATCH each, nothing destructive), and a target that counts
// its calls in flight, for the apply-failure and apply-lock tests.

/** `count` users in Finance, all named `Old`. */
export function renameSeed(count: number) {
  return tenantSeed(
    Array.from({ length: count }, (_, index) => ({
      userName: `user${index}@corp.example`,
      givenName: `user${index}`,
      familyName: 'Old',
      workspaces: [ids.finance],
    })),
  );
}

/** The same users, renamed `familyName`: one `user.update` each. */
export function renameDesired(count: number, familyName = 'New'): DesiredState {
  return desiredState(
    Array.from({ length: count }, (_, index) =>
      desiredUser(`user${index}@corp.example`, { familyName, refs: [{ source: 'test', row: index + 2 }] }),
    ),
  );
}

/** An {@link AccessTarget} that counts the calls in flight and runs `beforeWrite` before each write. */
export interface TrackedTarget extends AccessTarget {
  /** Calls started and not yet settled. */
  readonly inFlight: number;
  /** Calls started so far, by method name. */
  readonly started: Readonly<Record<string, number>>;
  /** Resolves once no call is in flight and the simulator has been quiet for a few turns of the event loop. */
  quiet(sim: Simulator): Promise<void>;
}

export function trackedTarget(
  target: AccessTarget,
  beforeWrite: (method: string) => Promise<void> | void = () => {},
): TrackedTarget {
  let inFlight = 0;
  const started: Record<string, number> = {};
  const track =
    <Args extends unknown[], Result>(
      method: string,
      call: (...args: Args) => Promise<Result>,
      write: boolean,
    ) =>
    async (...args: Args): Promise<Result> => {
      inFlight += 1;
      started[method] = (started[method] ?? 0) + 1;
      try {
        if (write) await beforeWrite(method);
        return await call(...args);
      } finally {
        inFlight -= 1;
      }
    };
  return {
    get inFlight() {
      return inFlight;
    },
    started,
    async quiet(sim) {
      // Stragglers of a run that did not wait for them show up here; the count only stops growing when they end.
      let seen = -1;
      let calm = 0;
      while (calm < 5) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        calm = inFlight === 0 && sim.requests.length === seen ? calm + 1 : 0;
        seen = sim.requests.length;
      }
    },
    observe: track('observe', target.observe.bind(target), false),
    findUser: track('findUser', target.findUser.bind(target), false),
    createUser: track('createUser', target.createUser.bind(target), true),
    updateUser: track('updateUser', target.updateUser.bind(target), true),
    setActive: track('setActive', target.setActive.bind(target), true),
    grantWorkspaces: track('grantWorkspaces', target.grantWorkspaces.bind(target), true),
    revokeWorkspaces: track('revokeWorkspaces', target.revokeWorkspaces.bind(target), true),
    importModelAccess: track('importModelAccess', target.importModelAccess.bind(target), true),
  };
}

/** The SCIM PATCHes of a user the simulator received, counted from request `from` on. */
export function patchesSent(sim: Simulator, from = 0): number {
  return sim.requests
    .slice(from)
    .filter((request) => request.method === 'PATCH' && request.path.includes('/Users/')).length;
}

/** A gate an apply's writes wait at (pass `wait` as `beforeWrite`); `reached` resolves when the first write arrives. */
export function gate() {
  let open: () => void = () => {};
  let arrive: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return {
    open,
    reached,
    wait: async () => {
      arrive();
      await opened;
    },
  };
}

/** Lets pending callbacks, socket events and lock retries already due run (twenty turns of the event loop). */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}
