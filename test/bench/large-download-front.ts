// A front for the simulator process of the large-download measurements (6 and 7): it answers the chunks of every
// failure dump and of one export file with generated CSV of the requested size, and passes every other request to
// the simulator. The simulator cannot hold a 1 GB file (its dumps and exports are built as one string), and the
// client must not hold it either: each 10 MiB chunk is generated when asked for, from its offset alone.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the front generates. */
export interface LargeDownloads {
  /** Size of every failure dump. */
  dumpBytes: number;
  /** Size of the export file `exportFileId` (the file an export of that id writes). */
  exportBytes: number;
  exportFileId: string;
}

/** Chunk size of files the server writes ("10mb or less"). */
const chunkBytes = 10 * 1024 * 1024;

/** Rows of one width: a header, then rows whose `#` runs are filled with numbers derived from the row index. */
interface FixedRows {
  header: string;
  row: string;
  /** The numbers for each `#` run of row `index`, in order. */
  numbers: (index: number) => number[];
}

const dumpRows: FixedRows = {
  header: '"_Status_","Email","First Name","Last Name","Role","_Line_","_Error_1_"\n',
  row: '"E","user##########@corp.example","First","Last","Wizard","##########","Invalid role: Wizard"\n',
  numbers: (index) => [index, index + 2],
};

const exportRows: FixedRows = {
  header: 'Email,First Name,Last Name,Role,SSO,Regions Read,Regions Write\n',
  row: 'user##########@corp.example,First,Last,Planner,false,EMEA,\n',
  numbers: (index) => [index],
};

/** A file of about `totalBytes` of `rows`, cut into chunks, each made from its offset alone. */
class VirtualFile {
  readonly size: number;
  readonly chunkCount: number;
  readonly #header: Buffer;
  readonly #row: Buffer;
  readonly #runs: { start: number; length: number }[];
  readonly #numbers: (index: number) => number[];

  constructor(rows: FixedRows, totalBytes: number) {
    this.#header = Buffer.from(rows.header);
    this.#row = Buffer.from(rows.row);
    this.#runs = [...rows.row.matchAll(/#+/g)].map((match) => ({
      start: match.index,
      length: match[0].length,
    }));
    this.#numbers = rows.numbers;
    const count = Math.max(1, Math.floor((totalBytes - this.#header.length) / this.#row.length));
    this.size = this.#header.length + count * this.#row.length;
    this.chunkCount = Math.ceil(this.size / chunkBytes);
  }

  chunk(index: number): Buffer {
    const start = index * chunkBytes;
    const end = Math.min(start + chunkBytes, this.size);
    const out = Buffer.allocUnsafe(Math.max(0, end - start));
    let position = start;
    if (position < this.#header.length) {
      position += this.#header.copy(out, 0, position, Math.min(this.#header.length, end));
    }
    const width = this.#row.length;
    const scratch = Buffer.from(this.#row);
    while (position < end) {
      const offset = position - this.#header.length;
      const row = Math.floor(offset / width);
      const within = offset % width;
      this.#fill(scratch, row);
      position += scratch.copy(out, position - start, within, Math.min(width, within + end - position));
    }
    return out;
  }

  #fill(target: Buffer, row: number): void {
    const numbers = this.#numbers(row);
    this.#runs.forEach((run, index) => {
      let rest = numbers[index] ?? 0;
      for (let digit = run.length - 1; digit >= 0; digit -= 1) {
        target[run.start + digit] = 0x30 + (rest % 10);
        rest = Math.floor(rest / 10);
      }
    });
  }
}

function sendJson(response: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function chunkListing(file: VirtualFile): unknown {
  const chunks = Array.from({ length: file.chunkCount }, (_, index) => ({
    id: String(index),
    name: `Chunk ${index}`,
  }));
  return {
    meta: {
      schema: 'chunk',
      paging: { currentPageSize: chunks.length, offset: 0, totalSize: chunks.length },
    },
    status: { code: 200, message: 'Success' },
    chunks,
  };
}

/** Starts the front before the simulator at `upstream` (its base URL); returns the front's base URL. */
export async function startLargeDownloadFront(
  upstream: string,
  config: LargeDownloads,
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const dump = new VirtualFile(dumpRows, config.dumpBytes);
  const exported = new VirtualFile(exportRows, config.exportBytes);
  const exportPath = `/files/${config.exportFileId}/chunks`;

  const forward = (
    incoming: IncomingMessage,
    response: ServerResponse,
    rewrite?: (body: unknown) => unknown,
  ) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        if (!rewrite || answer.statusCode !== 200) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('end', () =>
          sendJson(response, rewrite(JSON.parse(Buffer.concat(parts).toString('utf8')))),
        );
      },
    );
    outgoing.on('error', () => response.destroy());
    incoming.pipe(outgoing);
  };

  const server = createServer((incoming, response) => {
    const path = new URL(incoming.url ?? '/', 'http://front').pathname;
    const get = incoming.method === 'GET';
    const chunk = /\/chunks\/(\d+)$/.exec(path);
    const file = path.includes('/dump/chunks') ? dump : path.includes(exportPath) ? exported : undefined;
    if (get && file && chunk) {
      const bytes = file.chunk(Number(chunk[1]));
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      response.end(bytes);
    } else if (get && file && path.endsWith('/chunks')) {
      sendJson(response, chunkListing(file));
    } else if (get && path.endsWith('/files')) {
      // The files listing announces the export file's real chunk count, as Anaplan's would.
      forward(incoming, response, (body) => {
        const listing = body as { files?: { id: string; chunkCount?: number }[] };
        for (const entry of listing.files ?? [])
          if (entry.id === config.exportFileId) entry.chunkCount = exported.chunkCount;
        return listing;
      });
    } else {
      forward(incoming, response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
