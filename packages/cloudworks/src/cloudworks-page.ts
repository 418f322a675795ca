/** The `meta.paging` block of a paged CloudWorks list. */
export interface CloudWorksPaging {
  /** Items in this page. */
  currentPageSize?: number | undefined;
  /** Items across all pages. */
  totalSize?: number | undefined;
  /** 0-based index of this page's first item. */
  offset?: number | undefined;
}

/** One page of a CloudWorks listing: its items and `meta.paging`. */
export interface CloudWorksPage<Item> {
  /** The items of this page. */
  items: Item[];
  /** `meta.paging`, when the server sent it. */
  paging: CloudWorksPaging | undefined;
}

/** A page of `GET /integrations`: with the tenant's integration count and cap. */
export interface CloudWorksIntegrationPage<Item> extends CloudWorksPage<Item> {
  /** Integrations (flows included) in the tenant (`meta.tenantCurrentCount`). */
  tenantCurrentCount: number | undefined;
  /** The most integrations the tenant may hold (`meta.tenantMaxAllowed`; 500 on the tenants seen so far). */
  tenantMaxAllowed: number | undefined;
}

/** A page of `GET /integrations/runs/{integrationId}`: with the integration it belongs to and its run count. */
export interface CloudWorksRunHistoryPage<Item> extends CloudWorksPage<Item> {
  /** Runs of the integration in all (`history_of_runs.totalRuns`). */
  totalRuns: number | undefined;
  /** The integration's fields the history carries beside its runs (name, type, model …). */
  integration: Record<string, unknown>;
}
