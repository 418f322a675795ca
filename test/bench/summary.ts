// Turns the raw measurements into the printed table and the checks of `pnpm bench --check`.

export interface Results {
  plan: {
    users: number;
    operations: number;
    runs: number;
    /** Median of the runs. */
    seconds: number;
    cpuSeconds: number;
    /** The first run, compiling included. */
    firstCpuSeconds: number;
    runCpuSeconds: number[];
    usersPerSecond: number;
    inputRssMb: number;
    /** The whole process during the first plan. */
    peakRssMb: number;
    peakIncludesSetup: boolean;
  }[];
  observe: {
    users: number;
    concurrency: number;
    scimRequests: number;
    minimumRequests: number;
    otherRequests: number;
    seconds: number;
    boundSeconds: number;
  };
  apply: {
    users: number;
    rate: number;
    concurrency: number;
    scimChanges: number;
    modelChanges: number;
    models: number;
    outcome: string;
    requests: number;
    minimumRequests: number;
    rateLimited: number;
    imports: number;
    importsPerModel: number[];
    seconds: number;
    boundSeconds: number;
    convergedOperations: number;
  };
  naive: {
    users: number;
    changes: number;
    requests: number;
    rateLimited: number;
    seconds: number;
    convergedOperations: number;
  };
  upload: {
    megabytes: number;
    chunks: number;
    successful: boolean;
    seconds: number;
    megabytesPerSecond: number;
    baselineRssMb: number;
    peakRssMb: number;
  };
  /** A large failure dump read by `runImport`, then a large Users export read by `streamExport`. */
  downloads: {
    kind: 'dump' | 'export';
    megabytes: number;
    rows: number;
    /** Failure rows kept on the import result (dump only). */
    kept?: number;
    seconds: number;
    megabytesPerSecond: number;
    rowsPerSecond: number;
    baselineRssMb: number;
    peakRssMb: number;
  }[];
}

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const mb = (value: number) => `${Math.round(value)} MB`;
const thousands = (value: number) => (value >= 1000 ? `${value / 1000}k` : String(value));

/** The Markdown table and the checks for one run. */
export function summarise(results: Results): { table: string; checks: Check[] } {
  const checks: Check[] = [];
  const rows: string[][] = [];
  const verdict = (name: string, passed: boolean, detail: string) => {
    checks.push({ name, passed, detail });
    return passed ? 'met' : '**missed**';
  };

  const [, middle, largest] = results.plan;
  for (const size of results.plan) {
    const isMiddle = size === middle;
    rows.push([
      `1 plan ${thousands(size.users)} users × 5 models`,
      `${fixed(size.cpuSeconds)} s CPU (median of ${size.runs}; first, cold: ${fixed(size.firstCpuSeconds)} s), ${fixed(size.seconds)} s wall; ${Math.round(size.users / size.cpuSeconds).toLocaleString('en')} users/s; peak RSS ${mb(size.peakRssMb)} (${mb(size.inputRssMb)} with the inputs)${size.peakIncludesSetup ? ', building the inputs included' : ''}; ${size.operations} operations`,
      isMiddle ? '< 1 s CPU; peak RSS < 400 MB' : '',
      isMiddle
        ? `${verdict(`plan ${size.users} users under 1 s`, size.cpuSeconds < 1, `${fixed(size.cpuSeconds)} s CPU`)} / ${verdict(`plan ${size.users} users under 400 MB`, size.peakRssMb < 400, mb(size.peakRssMb))}`
        : '',
    ]);
  }
  if (middle && largest) {
    const ratio = largest.cpuSeconds / middle.cpuSeconds;
    const linear = largest.users / middle.users;
    rows.push([
      `1 plan growth ${thousands(largest.users)} / ${thousands(middle.users)}`,
      `time × ${fixed(ratio)} (CPU)`,
      `× ${fixed(linear)} (linear), ≤ × ${fixed(linear * 1.2)}`,
      verdict('plan time grows linearly', ratio <= linear * 1.2, `× ${fixed(ratio)}`),
    ]);
  }

  const { observe } = results;
  rows.push([
    `2 observe ${thousands(observe.users)} SCIM users, 50 ms latency`,
    `${observe.scimRequests} SCIM requests (+${observe.otherRequests} other); ${fixed(observe.seconds)} s`,
    `≥ ${observe.minimumRequests} requests; ≥ ${fixed(observe.boundSeconds)} s at concurrency ${observe.concurrency}`,
    `requests × ${fixed(observe.scimRequests / observe.minimumRequests)}; time × ${fixed(observe.seconds / observe.boundSeconds)}`,
  ]);

  const { apply } = results;
  const extra = apply.requests / apply.minimumRequests - 1;
  const perModel =
    apply.importsPerModel.length === apply.models && apply.importsPerModel.every((n) => n === 1);
  rows.push([
    `3 apply ${apply.scimChanges} SCIM + ${apply.modelChanges} model changes, ${apply.models} models, ${apply.rate} req/s`,
    `${apply.requests} requests, ${apply.rateLimited} × 429`,
    `≥ ${apply.minimumRequests}; ≤ +2 %`,
    verdict('apply requests within 2 % of the minimum', extra <= 0.02, `+${fixed(extra * 100, 1)} %`) +
      ` (+${fixed(extra * 100, 1)} %)`,
  ]);
  rows.push([
    '3 apply wall time',
    `${fixed(apply.seconds)} s`,
    `bound ${fixed(apply.boundSeconds)} s; ≤ × 1.25`,
    verdict(
      'apply wall time within 1.25 × the bound',
      apply.seconds <= 1.25 * apply.boundSeconds,
      `× ${fixed(apply.seconds / apply.boundSeconds)}`,
    ) + ` (× ${fixed(apply.seconds / apply.boundSeconds)})`,
  ]);
  rows.push([
    '3 apply imports',
    `${apply.imports} imports: ${apply.importsPerModel.join(', ')} per model; re-plan: ${apply.convergedOperations} operations`,
    'exactly 1 per model; 0 left',
    verdict('one import per model', perModel, apply.importsPerModel.join(',')) +
      ' / ' +
      verdict(
        'apply converged',
        apply.outcome === 'succeeded' && apply.convergedOperations === 0,
        `${apply.outcome}, ${apply.convergedOperations} left`,
      ),
  ]);

  const { naive } = results;
  const oursPerChange = (apply.seconds / (apply.scimChanges + apply.modelChanges)) * 1000;
  const naivePerChange = (naive.seconds / naive.changes) * 1000;
  rows.push([
    `4 naive peer, ${naive.changes} changes (a tenth)`,
    `${fixed(naive.seconds, 1)} s, ${naive.requests} requests, ${naive.rateLimited} × 429: ${fixed(naivePerChange, 1)} ms per change`,
    `engine: ${fixed(oursPerChange, 2)} ms per change`,
    `speed-up × ${Math.round(naivePerChange / oursPerChange)}` +
      (naive.convergedOperations === 0
        ? ''
        : ` (${verdict('naive peer converged', false, String(naive.convergedOperations))})`),
  ]);

  const { upload } = results;
  const growth = upload.peakRssMb - upload.baselineRssMb;
  rows.push([
    `5 upload ${Math.round(upload.megabytes)} MB through runImport`,
    `${fixed(upload.megabytesPerSecond, 1)} MB/s, ${upload.chunks} chunks; peak RSS ${mb(upload.peakRssMb)} = ${mb(upload.baselineRssMb)} before + ${mb(growth)}`,
    'peak RSS < 150 MB',
    verdict('upload under 150 MB of RSS', upload.peakRssMb < 150 && upload.successful, mb(upload.peakRssMb)),
  ]);

  for (const [index, download] of results.downloads.entries()) {
    const what =
      download.kind === 'dump' ? 'failure dump through runImport' : 'Users export through streamExport';
    rows.push([
      `${6 + index} ${Math.round(download.megabytes)} MB ${what}`,
      `${fixed(download.megabytesPerSecond, 1)} MB/s, ${Math.round(download.rowsPerSecond / 1000)}k rows/s (${download.rows} rows); peak RSS ${mb(download.peakRssMb)} = ${mb(download.baselineRssMb)} before + ${mb(download.peakRssMb - download.baselineRssMb)}`,
      'peak RSS < 300 MB',
      verdict(`${download.kind} under 300 MB of RSS`, download.peakRssMb < 300, mb(download.peakRssMb)),
    ]);
  }

  const header = ['Measurement', 'Result', 'Bound / target', 'Ratio / verdict'];
  const lines = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`);
  return { table: lines.join('\n'), checks };
}
