import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const resultsDir = path.join(frontendDir, "test-results");
const distDir = path.join(frontendDir, "dist");
const binary = path.resolve(frontendDir, process.env.CRM360_BIN ?? "../target/debug/crm360");

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`crm360 exited with code ${child.exitCode} before being ready`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`crm360 was not ready within ${timeoutMs / 1000} s`);
}

/**
 * Starts `crm360 serve --demo` on a free port with a fresh SQLite database and the built web
 * app, and waits for /readyz. `env` adds server settings (e.g. a short idle timeout).
 */
export async function startServer(
  name: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  if (!existsSync(binary)) {
    throw new Error(`No crm360 binary at ${binary}: build it, or set CRM360_BIN.`);
  }
  if (!existsSync(path.join(distDir, "index.html"))) {
    throw new Error(`No web app in ${distDir}: run \`npm run build\` first.`);
  }
  mkdirSync(resultsDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), "crm360-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = createWriteStream(path.join(resultsDir, `${name}-server.log`));
  const child = spawn(binary, ["serve", "--demo", "--listen", `127.0.0.1:${port}`], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dataDir}/e2e.db?mode=rwc`,
      // Uploaded files and feed inboxes live beside the database, removed with it.
      CRM360_DATA_DIR: dataDir,
      CRM360_FRONTEND_DIR: distDir,
      CRM360_COOKIE_SECURE: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  async function stop() {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    await waitUntilReady(baseUrl, child, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
