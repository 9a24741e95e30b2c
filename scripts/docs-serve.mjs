#!/usr/bin/env node
// Serves the built docs site (docs-site/) on loopback and prints its URL. Static files only, no
// directory listings, nothing outside the site folder.
//
//   node scripts/docs-serve.mjs [--port 8080] [--dir docs-site]
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

/**
 * Starts a static server for `dir` on 127.0.0.1.
 * @param {{ dir?: string, port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startDocsServer({ dir = resolve(import.meta.dirname, "..", "docs-site"), port = 0, host = "127.0.0.1" } = {}) {
  const root = resolve(dir);
  await stat(join(root, "index.html")).catch(() => {
    throw new Error(`docs-serve: ${join(root, "index.html")} not found; run "pnpm run docs" first`);
  });
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      let file = normalize(join(root, pathname));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end("forbidden");
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) file = join(file, "index.html");
      const found = await stat(file).catch(() => undefined);
      if (!found?.isFile()) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(400).end("bad request");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === "object" && address ? address.port : port}/`;
  return {
    url,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const { url } = await startDocsServer({
    port: Number(option("--port") ?? 8080),
    ...(option("--dir") ? { dir: option("--dir") } : {}),
  });
  console.log(`docs: serving docs-site at ${url} (Ctrl+C to stop)`);
}
