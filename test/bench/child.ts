// Runs one measurement in a child process, so that its peak memory is its own and one measurement cannot slow
// down the next through garbage left behind. A measurement script prints exactly one JSON line, last, on stdout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs `test/bench/<script>` with `args` under the same Node and returns the JSON it printed last. */
export function runChild<T>(script: string, args: string[] = [], nodeOptions: string[] = []): Promise<T> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, path, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code ?? signal}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** Prints a measurement's result as the last line of stdout (the protocol of {@link runChild}). */
export function report(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Peak resident set size of this process so far, in MB (the kernel's high-water mark). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Current resident set size, in MB. */
export function rssMb(): number {
  return process.memoryUsage.rss() / (1024 * 1024);
}
