import type { CallOptions, PagePromise } from '@anaplan-access/core';
import { withCallOptions } from '@anaplan-access/core/client';
import type { z } from 'zod';
import { segment } from '../internal/api-client.js';
import { matchNameOrId } from '../internal/match-name-or-id.js';
import type { ModelScope } from '../internal/model-scope.js';
import { taskListEntrySchema } from '../internal/schemas/task-schemas.js';
import { startTask } from '../internal/start-task.js';
import type { IntegrationListOptions } from '../list-options.js';
import type { IntegrationPage } from '../list-page.js';
import { TaskHandle } from '../tasks/task-handle.js';
import type { ActionKind, TaskListEntry } from '../tasks/task-types.js';
import type { RunOptions } from './run-options.js';

/**
 * What imports, exports, processes and other actions have in common: list them, read one's metadata, resolve a
 * name to an id, run one, and reach its tasks.
 */
export abstract class ActionResource<Definition extends { id: string; name: string }, Metadata> {
  /** `imports`, `exports`, `processes` or `actions`. */
  readonly kind: ActionKind;
  /** @internal */
  protected readonly scope: ModelScope;
  readonly #definitionSchema: z.ZodType<Definition>;
  readonly #metadata: { key: string; schema: z.ZodType<Metadata> } | undefined;

  /** @internal */
  constructor(
    scope: ModelScope,
    kind: ActionKind,
    definitionSchema: z.ZodType<Definition>,
    metadata: { key: string; schema: z.ZodType<Metadata> } | undefined,
  ) {
    this.scope = scope;
    this.kind = kind;
    this.#definitionSchema = definitionSchema;
    this.#metadata = metadata;
  }

  /** `…/{kind}` */
  protected get path(): string {
    return `${this.scope.basePath}/${this.kind}`;
  }

  /**
   * Every definition of this kind in the model, following `meta.paging`.
   *
   * @example
   * ```ts
   * for await (const definition of model.imports.list()) console.log(definition.id, definition.name);
   * ```
   */
  list(options: IntegrationListOptions = {}): PagePromise<IntegrationPage<Definition>, Definition> {
    return this.scope.api.list(this.path, this.kind, this.#definitionSchema, {
      ...options,
      itemKey: (definition) => definition.id,
    });
  }

  /**
   * The metadata of one definition (`GET …/{kind}/{id}`). Other actions have no documented metadata endpoint;
   * for them this is the definition as listed.
   *
   * @throws {NotFoundError} when there is no such definition.
   */
  get(id: string, options: CallOptions = {}): Promise<Metadata> {
    return withCallOptions(options, (signal) => this.#get(id, signal));
  }

  async #get(id: string, signal: AbortSignal | undefined): Promise<Metadata> {
    if (this.#metadata === undefined) {
      const definitions = await this.scope.api.listAll(this.path, this.kind, this.#definitionSchema, {
        signal,
      });
      const byId = definitions.filter((definition) => definition.id === id);
      return matchNameOrId(byId, id, {
        collection: this.kind,
        url: this.scope.api.url(this.path),
      }) as unknown as Metadata;
    }
    return this.scope.api.getObject(
      `${this.path}/${segment(id)}`,
      this.#metadata.key,
      this.#metadata.schema,
      { signal },
    );
  }

  /**
   * Finds a definition by id or by name: an exact id, else an exact name, else a name that differs only in case
   * (when just one does).
   *
   * @throws {ActionNotFoundError} (a `NotFoundError`) listing the closest names when nothing matches.
   */
  find(nameOrId: string, options: CallOptions = {}): Promise<Definition> {
    return withCallOptions(options, async (signal) => {
      const definitions = await this.scope.api.listAll(this.path, this.kind, this.#definitionSchema, {
        signal,
      });
      return matchNameOrId(definitions, nameOrId, {
        collection: this.kind,
        url: this.scope.api.url(this.path),
      });
    });
  }

  /**
   * The id of the definition with that id or name (see {@link ActionResource.find}).
   *
   * @example
   * ```ts
   * const importId = await model.imports.resolve('Users from users.csv');
   * ```
   * @throws {ActionNotFoundError} listing the closest names when nothing matches.
   */
  async resolve(nameOrId: string, options: CallOptions = {}): Promise<string> {
    return (await this.find(nameOrId, options)).id;
  }

  /**
   * Starts the action and returns its task. The start is never blindly repeated: after a 5xx, a timeout or a
   * dropped connection the task list is read to learn whether the server started it, and that task is adopted.
   *
   * @param id - the definition's id (use {@link ActionResource.resolve} for a name)
   * @example
   * ```ts
   * const task = await model.exports.run('116000000001');
   * const finished = await task.wait();
   * ```
   */
  run(id: string, options: RunOptions = {}): Promise<TaskHandle> {
    return startTask(this.scope, this.kind, id, options);
  }

  /** A handle on an existing task of a definition (to poll, wait for or cancel it). */
  task(id: string, taskId: string): TaskHandle {
    return new TaskHandle(this.scope, this.kind, id, taskId);
  }

  /**
   * The tasks of a definition (including other users' tasks), newest first.
   *
   * @example
   * ```ts
   * const latest = (await model.imports.tasks(importId)).items[0];
   * ```
   */
  tasks(
    id: string,
    options: IntegrationListOptions = {},
  ): PagePromise<IntegrationPage<TaskListEntry>, TaskListEntry> {
    return this.scope.api.list(`${this.path}/${segment(id)}/tasks`, 'tasks', taskListEntrySchema, {
      ...options,
      searchParams: { sort: '-creationDate' },
      itemKey: (task) => task.taskId,
    });
  }
}
