// Tests: ../render-inventory.test.ts, test/reports/access-review-report.test.ts

import type { InventoryChanges } from '../compare-inventories.js';
import type { Inventory, InventoryRow } from '../inventory-types.js';
import { escapeHtml, scriptJson } from './escape-html.js';
import type { InventorySummary } from './inventory-summary.js';
import { barChart } from './svg-charts.js';

/** The columns of the report's table, in the order of each row's cells in the embedded data. */
const columns = [
  'User',
  'Name',
  'Active',
  'Last login',
  'Licences',
  'Workspace',
  'Model',
  'Role',
  'SSO',
  'WS admin',
  'Selective access',
] as const;

/** A row as the page's script reads it: the cells in `columns` order, then whether the user is dormant. */
type PageRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  0 | 1,
];

/** The selective access of a row in words: `Regions: read EMEA; write AMER`. */
export function selectiveAccessText(row: Pick<InventoryRow, 'selectiveAccess'>): string {
  return Object.entries(row.selectiveAccess)
    .map(([list, items]) =>
      [
        items.read.length > 0 ? `${list}: read ${items.read.join(', ')}` : '',
        items.write.length > 0 ? `${list}: write ${items.write.join(', ')}` : '',
      ]
        .filter((part) => part !== '')
        .join('; '),
    )
    .filter((part) => part !== '')
    .join('; ');
}

const flag = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

/** The self-contained HTML access review: summary with charts, a sortable and filterable table, changes since. */
export function htmlReport(
  inventory: Inventory,
  rows: readonly InventoryRow[],
  summary: InventorySummary,
  isDormant: (row: InventoryRow) => boolean,
  changes: InventoryChanges | undefined,
  title: string,
): string {
  const data: PageRow[] = rows.map((row) => [
    row.userName,
    `${row.givenName} ${row.familyName}`.trim(),
    row.active ? 'yes' : 'no',
    row.lastLogin === 'never' || row.lastLogin === 'unknown' ? row.lastLogin : row.lastLogin.slice(0, 10),
    row.licences === 'unknown' ? 'unknown' : row.licences.join(', '),
    // A user in no model: the workspaces they are a member of, so that filtering by workspace finds them too.
    row.workspaceName ?? row.workspaces.join(', '),
    row.modelName ?? '(no model)',
    row.role ?? '',
    flag(row.sso),
    flag(row.workspaceAdministrator),
    selectiveAccessText(row),
    isDormant(row) ? 1 : 0,
  ]);
  const cards: [string, number][] = [
    ['Users', summary.users],
    ['Active', summary.active],
    [`Dormant (${summary.dormantAfterDays}+ days)`, summary.dormant],
    ['Never logged in', summary.neverLoggedIn],
    ['Workspace Administrators', summary.workspaceAdministrators],
    ['Without SSO in a model', summary.ssoExceptions],
    ['In no model', summary.inNoModel],
  ];
  const charts = [
    barChart('Users', [
      { label: 'active', value: summary.active - summary.dormant },
      { label: 'dormant', value: summary.dormant },
      { label: 'inactive', value: summary.users - summary.active },
    ]),
    ...summary.rolesPerModel.map((model) =>
      barChart(
        `${model.model}: users per role`,
        model.roles.slice(0, 8).map((role) => ({ label: role.role, value: role.users })),
      ),
    ),
  ];
  const unknowns = [
    inventory.lastLogins.known ? '' : `Last logins are unknown: ${inventory.lastLogins.reason ?? ''}`,
    inventory.licences.known ? '' : `Licences are unknown: ${inventory.licences.reason ?? ''}`,
    ...inventory.models
      .filter((model) => model.access === 'unknown')
      .map((model) => `Access to model "${model.name}" is unknown: ${model.unknownReason ?? ''}`),
    ...inventory.workspaces
      .filter((workspace) => workspace.administrators === 'unknown')
      .map(
        (workspace) =>
          `Administrators of workspace "${workspace.name}" are unknown: ${workspace.administratorsUnknownReason ?? ''}`,
      ),
  ].filter((line) => line !== '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2733;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#5f6b7a;margin-bottom:16px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:14px}.card{border:1px solid #d5dbe3;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:22px}.charts{display:flex;flex-wrap:wrap;gap:18px}.chart{font-size:11px}
.chart-title{font-weight:600;font-size:12px}.soon{margin-bottom:10px}.unknown{background:#fff6e5;border:1px solid #f0c36d;padding:8px 12px;border-radius:6px}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin-bottom:8px}.filters label{display:flex;flex-direction:column;font-size:12px;color:#5f6b7a}
input,select,button{font:inherit;padding:3px 6px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e8ee;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f6f9;cursor:pointer;position:sticky;top:0;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
tr.dormant td:nth-child(4){color:#c2453d;font-weight:600}.count{color:#5f6b7a;margin:6px 0}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="meta">Taken ${escapeHtml(inventory.takenAt)}${inventory.integrationUser ? ` by ${escapeHtml(inventory.integrationUser)}` : ''} · ${inventory.workspaces.length} workspace(s), ${inventory.models.length} model(s)</div>
<section id="summary"><h2>Summary</h2>
<div class="cards">${cards.map(([label, value]) => `<div class="card"><b>${value}</b>${escapeHtml(label)}</div>`).join('')}</div>
<div class="charts">${charts.join('')}</div>
${summary.dormantSoon.length > 0 ? `<div class="soon"><b>Dormant soon</b><ul>${summary.dormantSoon.map((user) => `<li>${escapeHtml(user.userName)} in ${user.inDays} day${user.inDays === 1 ? '' : 's'}</li>`).join('')}</ul></div>` : ''}
${unknowns.length > 0 ? `<div class="unknown"><b>Not known</b><ul>${unknowns.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul></div>` : ''}
</section>
${changes ? changesSection(inventory, changes) : ''}
<section id="access"><h2>Access</h2>
<div class="filters">
<label>User or name<input id="f-text" type="search" placeholder="contains…"></label>
<label>Workspace<select id="f-workspace"><option value="">all</option></select></label>
<label>Model<select id="f-model"><option value="">all</option></select></label>
<label>Role<select id="f-role"><option value="">all</option></select></label>
<label>List item<input id="f-item" type="search" placeholder="e.g. EMEA"></label>
<label>Last login<select id="f-login"><option value="">any</option><option value="dormant">dormant</option><option value="never">never</option><option value="recent">not dormant</option><option value="unknown">unknown</option></select></label>
<button id="f-clear" type="button">Clear</button>
</div>
<div class="count" id="count"></div>
<table id="access-table"><thead><tr>${columns.map((name, index) => `<th data-column="${index}" scope="col">${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody></tbody></table>
<button id="more" type="button" hidden>Show more</button>
</section>
<script id="report-data" type="application/json">${scriptJson(data)}</script>
<script>
${pageScript}
</script>
</body>
</html>
`;
}

function changesSection(inventory: Inventory, changes: InventoryChanges): string {
  const names = new Map(inventory.models.map((model) => [model.modelId, model.name]));
  const model = (id: string) => escapeHtml(names.get(id) ?? id);
  const items: string[] = [];
  for (const user of changes.usersAdded) items.push(`<li>New user <b>${escapeHtml(user)}</b></li>`);
  for (const user of changes.usersRemoved) items.push(`<li>User <b>${escapeHtml(user)}</b> is gone</li>`);
  for (const user of changes.usersChanged)
    items.push(`<li><b>${escapeHtml(user.userName)}</b>: ${escapeHtml(user.changes.join('; '))}</li>`);
  for (const access of changes.accessAdded)
    items.push(
      `<li><b>${escapeHtml(access.userName)}</b> now has ${escapeHtml(access.role)} in ${model(access.modelId)}</li>`,
    );
  for (const access of changes.accessRemoved)
    items.push(
      `<li><b>${escapeHtml(access.userName)}</b> no longer has ${escapeHtml(access.role)} in ${model(access.modelId)}</li>`,
    );
  for (const { before, after } of changes.accessChanged)
    items.push(
      `<li><b>${escapeHtml(after.userName)}</b> in ${model(after.modelId)}: ${escapeHtml(accessLine(before))} → ${escapeHtml(accessLine(after))}</li>`,
    );
  return `<section id="changes"><h2>Changes since ${escapeHtml(changes.from)}</h2>${items.length === 0 ? '<p>No changes.</p>' : `<ul>${items.join('')}</ul>`}</section>`;
}

/** An access in one line: role, SSO, administrator flag and selective access. */
export function accessLine(access: {
  role: string;
  sso: boolean;
  workspaceAdministrator: boolean;
  selectiveAccess: InventoryRow['selectiveAccess'];
}): string {
  const sa = selectiveAccessText(access);
  return `${access.role}${access.sso ? ', SSO' : ''}${access.workspaceAdministrator ? ', WS admin' : ''}${sa ? `, ${sa}` : ''}`;
}

/** The page's script: fills the filters, filters, sorts and shows the rows (500 at a time). No network. */
const pageScript = `(function () {
  'use strict';
  var rows = JSON.parse(document.getElementById('report-data').textContent);
  var tbody = document.querySelector('#access-table tbody');
  var headers = document.querySelectorAll('#access-table th');
  var ids = ['f-text', 'f-workspace', 'f-model', 'f-role', 'f-item', 'f-login'];
  var field = {};
  ids.forEach(function (id) { field[id] = document.getElementById(id); });
  var page = 500, limit = page, sortColumn = -1, sortDirection = 1, shown = [];
  function fill(select, column) {
    var seen = {};
    rows.forEach(function (row) {
      (column === 5 ? row[5].split(', ') : [row[column]]).forEach(function (value) { if (value !== '') seen[value] = true; });
    });
    Object.keys(seen).sort().forEach(function (value) {
      var option = document.createElement('option');
      option.value = value; option.textContent = value; select.appendChild(option);
    });
  }
  fill(field['f-workspace'], 5); fill(field['f-model'], 6); fill(field['f-role'], 7);
  function escape(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  function matches(row, f) {
    if (f.text && (row[0] + ' ' + row[1]).toLowerCase().indexOf(f.text) < 0) return false;
    if (f.workspace && row[5] !== f.workspace && row[5].split(', ').indexOf(f.workspace) < 0) return false;
    if (f.model && row[6] !== f.model) return false;
    if (f.role && row[7] !== f.role) return false;
    if (f.item && row[10].toLowerCase().indexOf(f.item) < 0) return false;
    if (f.login === 'dormant' && !row[11]) return false;
    if (f.login === 'recent' && (row[11] || row[3] === 'unknown')) return false;
    if (f.login === 'never' && row[3] !== 'never') return false;
    if (f.login === 'unknown' && row[3] !== 'unknown') return false;
    return true;
  }
  function apply() {
    var f = {
      text: field['f-text'].value.trim().toLowerCase(), workspace: field['f-workspace'].value,
      model: field['f-model'].value, role: field['f-role'].value,
      item: field['f-item'].value.trim().toLowerCase(), login: field['f-login'].value
    };
    shown = rows.filter(function (row) { return matches(row, f); });
    if (sortColumn >= 0)
      shown.sort(function (a, b) { return a[sortColumn] < b[sortColumn] ? -sortDirection : a[sortColumn] > b[sortColumn] ? sortDirection : 0; });
    limit = page;
    draw();
  }
  function draw() {
    var html = '';
    var end = Math.min(limit, shown.length);
    for (var i = 0; i < end; i++) {
      var row = shown[i];
      html += '<tr' + (row[11] ? ' class="dormant"' : '') + '>';
      for (var c = 0; c < 11; c++) html += '<td>' + escape(row[c]) + '</td>';
      html += '</tr>';
    }
    tbody.innerHTML = html;
    document.getElementById('count').textContent =
      'Showing ' + end + ' of ' + shown.length + ' matching rows (' + rows.length + ' in all)';
    document.getElementById('more').hidden = end >= shown.length;
  }
  ids.forEach(function (id) { field[id].addEventListener('input', apply); });
  document.getElementById('f-clear').addEventListener('click', function () {
    ids.forEach(function (id) { field[id].value = ''; }); apply();
  });
  document.getElementById('more').addEventListener('click', function () { limit += page; draw(); });
  Array.prototype.forEach.call(headers, function (th) {
    th.addEventListener('click', function () {
      var column = Number(th.getAttribute('data-column'));
      sortDirection = column === sortColumn ? -sortDirection : 1;
      sortColumn = column;
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sortDirection === 1 ? 'ascending' : 'descending');
      apply();
    });
  });
  apply();
})();`;
