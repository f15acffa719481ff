/**
 * A static file server on 127.0.0.1 at a free port, for the built pane. The files are read into
 * memory when it starts, so a concurrent rebuild that swaps the build directory cannot pull them
 * away mid-test. No listing; only the files that were there.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticSite {
  origin: string;
  close(): Promise<void>;
}

function filesOf(directory: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(directory, { recursive: true })) {
    const path = join(directory, String(entry));
    if (statSync(path).isFile()) files.set(`/${String(entry).split("\\").join("/")}`, readFileSync(path));
  }
  return files;
}

export function serveDirectory(directory: string): Promise<StaticSite> {
  const files = filesOf(directory);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const body = files.get(path);
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}
