// Tests: test/connect/connect-bundle.test.ts, test/connect/connect-scripts.test.ts
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the scripts are bash, whose ${…} these strings carry as they are

/** One model's step of a bundle: its CSV, where its log and dump go, and the Connect arguments that name it. */
export interface ConnectStep {
  /** `model <name> (<id>)`, for the messages. */
  label: string;
  modelId: string;
  workspaceId: string;
  /** The bundle's CSV of the model, relative to the bundle. */
  csv: string;
  sha256: string;
  /** The name or id of the file the USERS import reads (`-file`). */
  file: string;
  /** The name or id of the USERS import (`-import`). */
  importId: string;
}

/** What both scripts are made from. */
export interface ConnectScriptInput {
  planDigest: string;
  steps: readonly ConnectStep[];
  credentials: { certificate: string; privateKey: string } | { user: string };
  service: string;
  auth: string;
  chunkSizeMb: number;
}

/** The messages both scripts print on failure, so that what a pipeline greps for is the same on every system. */
const markers = {
  failed: 'The operation failed',
  cancelled: 'The operation was cancelled',
} as const;

const logOf = (step: ConnectStep) => `logs/users_${step.modelId}.log`;
const dumpOf = (step: ConnectStep) => `dumps/users_${step.modelId}.csv`;

/** A value in single quotes for bash: nothing in it is expanded. */
function sh(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * `run.sh`: checks every CSV against its checksum before anything runs, then runs Anaplan Connect once per model in
 * the plan's order with the flags in Connect's order (`-service`, `-auth`, the credentials, `-workspace`, `-model`,
 * `-chunksize`, `-file … -put …`, `-import … -execute`, `-output …`), and stops with a non-zero code at the first
 * model whose Connect exits non-zero, whose log says the operation failed or was cancelled, or whose dump is not
 * empty (Connect itself exits 0 on a failed import). Secrets come from the environment only.
 */
export function runSh(input: ConnectScriptInput): string {
  // Defaults are assigned in single quotes, then used through a plain parameter expansion: nothing in a configured
  // name or path is ever expanded or taken as quoting, whatever characters it holds.
  const defaults = (name: string, value: string) => [
    `DEFAULT_${name}=${sh(value)}`,
    `CONNECT_${name}="\${ANAPLAN_${name}:-$DEFAULT_${name}}"`,
  ];
  const credentials =
    'user' in input.credentials
      ? [
          ...defaults('USER', input.credentials.user),
          'CREDENTIALS=(-user "$CONNECT_USER${ANAPLAN_PASSWORD:+:$ANAPLAN_PASSWORD}")',
        ]
      : [
          ...defaults('CERTIFICATE', input.credentials.certificate),
          ...defaults('PRIVATE_KEY', input.credentials.privateKey),
          'CREDENTIALS=(-certificate "$CONNECT_CERTIFICATE" -privatekey "$CONNECT_PRIVATE_KEY${ANAPLAN_KEY_PASSPHRASE:+:$ANAPLAN_KEY_PASSPHRASE}")',
        ];
  const lines = [
    '#!/usr/bin/env bash',
    `# Anaplan Connect bundle made by anaplan-access for plan ${input.planDigest}.`,
    '# Run the SCIM operations first (see README.md), then this script. It runs nothing when a CSV changed since.',
    '# Environment: ANAPLAN_CONNECT (path of AnaplanClient.sh), ANAPLAN_SERVICE, ANAPLAN_AUTH, and the credentials',
    '# (ANAPLAN_USER and ANAPLAN_PASSWORD, or ANAPLAN_CERTIFICATE, ANAPLAN_PRIVATE_KEY and ANAPLAN_KEY_PASSPHRASE).',
    'set -uo pipefail',
    'cd "$(dirname "$0")" || exit 2',
    `PLAN=${sh(input.planDigest)}`,
    'CONNECT="${ANAPLAN_CONNECT:-AnaplanClient.sh}"',
    ...defaults('SERVICE', input.service),
    ...defaults('AUTH', input.auth),
    ...credentials,
    '',
    'sha256_of() {',
    '  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d" " -f1; else shasum -a 256 "$1" | cut -d" " -f1; fi',
    '}',
    'verify() {',
    '  if [ ! -f "$1" ] || [ "$(sha256_of "$1")" != "$2" ]; then',
    '    echo "run.sh: $1 is not the file made for plan $PLAN (its checksum differs): nothing was run." >&2',
    '    exit 3',
    '  fi',
    '}',
    '',
    '# step <label> <log> <dump> <Connect arguments…>: runs Connect and fails on what Connect itself does not fail on.',
    'step() {',
    '  local label="$1" log="$2" dump="$3"',
    '  shift 3',
    '  rm -f "$dump"',
    '  echo "== $label"',
    '  "$CONNECT" "$@" 2>&1 | tee "$log"',
    '  local code=${PIPESTATUS[0]}',
    '  if [ "$code" -ne 0 ]; then echo "run.sh: Anaplan Connect exited with $code for $label; see $log" >&2; exit "$code"; fi',
    `  if grep -q ${sh(markers.failed)} "$log"; then echo "run.sh: the import failed for $label; see $log and $dump" >&2; exit 4; fi`,
    `  if grep -q ${sh(markers.cancelled)} "$log"; then echo "run.sh: the import was cancelled for $label; see $log" >&2; exit 5; fi`,
    '  if [ -s "$dump" ]; then echo "run.sh: rows failed or loaded with warnings for $label; see $dump" >&2; exit 6; fi',
    '}',
    '',
    ...input.steps.map((step) => `verify ${sh(step.csv)} ${sh(step.sha256)}`),
    'mkdir -p logs dumps',
    ...input.steps.flatMap((step) => [
      '',
      `step ${sh(step.label)} ${sh(logOf(step))} ${sh(dumpOf(step))} \\`,
      '  -service "$CONNECT_SERVICE" -auth "$CONNECT_AUTH" "${CREDENTIALS[@]}" \\',
      `  -workspace ${sh(step.workspaceId)} -model ${sh(step.modelId)} -chunksize ${input.chunkSizeMb} \\`,
      `  -file ${sh(step.file)} -put ${sh(step.csv)} \\`,
      `  -import ${sh(step.importId)} -execute \\`,
      `  -output ${sh(dumpOf(step))}`,
    ]),
    '',
    `echo "run.sh: ${input.steps.length} model import(s) succeeded for plan $PLAN. Make a new plan: it shows what is left."`,
    '',
  ];
  return lines.join('\n');
}

/**
 * A value in double quotes for cmd.exe: `%` doubled, or quadrupled on a `call` line (cmd expands a `call` line's
 * percent signs twice). A `"` or a `^` (which `call` doubles even in quotes) cannot be carried: they are refused
 * before a bundle is written.
 */
function bat(value: string, onCallLine = false): string {
  return `"${value.replaceAll('%', onCallLine ? '%%%%' : '%%')}"`;
}

/** `run.bat`: what {@link runSh} does, for cmd.exe (`certutil` for the checksums, `findstr` for the log). */
export function runBat(input: ConnectScriptInput): string {
  const win = (path: string) => path.replaceAll('/', '\\');
  const credentials =
    'user' in input.credentials
      ? [
          `if not defined ANAPLAN_USER set ${bat(`ANAPLAN_USER=${input.credentials.user}`)}`,
          'set "CREDENTIALS=-user "%ANAPLAN_USER%""',
          'if defined ANAPLAN_PASSWORD set "CREDENTIALS=-user "%ANAPLAN_USER%:%ANAPLAN_PASSWORD%""',
        ]
      : [
          `if not defined ANAPLAN_CERTIFICATE set ${bat(`ANAPLAN_CERTIFICATE=${win(input.credentials.certificate)}`)}`,
          `if not defined ANAPLAN_PRIVATE_KEY set ${bat(`ANAPLAN_PRIVATE_KEY=${win(input.credentials.privateKey)}`)}`,
          'set "CREDENTIALS=-certificate "%ANAPLAN_CERTIFICATE%" -privatekey "%ANAPLAN_PRIVATE_KEY%""',
          'if defined ANAPLAN_KEY_PASSPHRASE set "CREDENTIALS=-certificate "%ANAPLAN_CERTIFICATE%" -privatekey "%ANAPLAN_PRIVATE_KEY%:%ANAPLAN_KEY_PASSPHRASE%""',
        ];
  const lines = [
    '@echo off',
    `rem Anaplan Connect bundle made by anaplan-access for plan ${input.planDigest}.`,
    'rem Run the SCIM operations first (see README.md), then this script. It runs nothing when a CSV changed since.',
    'setlocal',
    'cd /d "%~dp0"',
    `set ${bat(`PLAN=${input.planDigest}`)}`,
    'if not defined ANAPLAN_CONNECT set "ANAPLAN_CONNECT=AnaplanClient.bat"',
    `if not defined ANAPLAN_SERVICE set ${bat(`ANAPLAN_SERVICE=${input.service}`)}`,
    `if not defined ANAPLAN_AUTH set ${bat(`ANAPLAN_AUTH=${input.auth}`)}`,
    ...credentials,
    '',
    ...input.steps.map((step) => `call :verify ${bat(win(step.csv))} ${bat(step.sha256)} || exit /b 3`),
    'if not exist logs mkdir logs',
    'if not exist dumps mkdir dumps',
    ...input.steps.flatMap((step) => [
      '',
      `echo == ${step.label.replaceAll('%', '%%').replace(/[&|<>^()]/g, '^$&')}`,
      `if exist ${bat(win(dumpOf(step)))} del ${bat(win(dumpOf(step)))}`,
      `call "%ANAPLAN_CONNECT%" -service "%ANAPLAN_SERVICE%" -auth "%ANAPLAN_AUTH%" %CREDENTIALS% -workspace ${bat(step.workspaceId, true)} -model ${bat(step.modelId, true)} -chunksize ${input.chunkSizeMb} -file ${bat(step.file, true)} -put ${bat(win(step.csv), true)} -import ${bat(step.importId, true)} -execute -output ${bat(win(dumpOf(step)), true)} > ${bat(win(logOf(step)), true)} 2>&1`,
      'set "CODE=%ERRORLEVEL%"',
      `type ${bat(win(logOf(step)))}`,
      `call :check ${bat(step.modelId)} ${bat(win(logOf(step)))} ${bat(win(dumpOf(step)))} %CODE% || exit /b 1`,
    ]),
    '',
    `echo run.bat: ${input.steps.length} model import^(s^) succeeded for plan %PLAN%. Make a new plan: it shows what is left.`,
    'exit /b 0',
    '',
    ':verify',
    'set "HASH="',
    'if not exist "%~1" goto :verify_failed',
    'for /f "skip=1 delims=" %%H in (\'certutil -hashfile "%~1" SHA256\') do if not defined HASH set "HASH=%%H"',
    'set "HASH=%HASH: =%"',
    'if /i "%HASH%"=="%~2" exit /b 0',
    ':verify_failed',
    'echo run.bat: %~1 is not the file made for plan %PLAN%, its checksum differs: nothing was run. 1>&2',
    'exit /b 3',
    '',
    ':check',
    'if not "%~4"=="0" goto :check_exit',
    `findstr /c:"${markers.failed}" "%~2" >nul && goto :check_failed`,
    `findstr /c:"${markers.cancelled}" "%~2" >nul && goto :check_cancelled`,
    'if exist "%~3" for %%F in ("%~3") do if %%~zF GTR 0 goto :check_dump',
    'exit /b 0',
    ':check_exit',
    'echo run.bat: Anaplan Connect exited with %~4 for model %~1; see %~2 1>&2',
    'exit /b 1',
    ':check_failed',
    'echo run.bat: the import failed for model %~1; see %~2 and %~3 1>&2',
    'exit /b 1',
    ':check_cancelled',
    'echo run.bat: the import was cancelled for model %~1; see %~2 1>&2',
    'exit /b 1',
    ':check_dump',
    'echo run.bat: rows failed or loaded with warnings for model %~1; see %~3 1>&2',
    'exit /b 1',
    '',
  ];
  return lines.join('\r\n');
}
