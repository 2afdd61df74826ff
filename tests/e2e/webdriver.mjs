// A small W3C WebDriver client without dependencies (Node 20's fetch), for the
// browsers Playwright cannot drive here: Firefox ESR through geckodriver and
// WebKitGTK through WebKitWebDriver (tests/e2e/browsers.test.mjs).
//
//   const driver = await startDriver("geckodriver", (port) => ["--port", String(port)]);
//   const session = await driver.newSession({ browserName: "firefox" });
//   await session.navigate(url);
//   await session.click(await session.waitFor(() => session.find("button")));
//   await session.delete();
//   await driver.stop();
//
// The driver's (and so the browser's) stdout and stderr are kept in
// driver.output(), which is where the browsers write console messages when
// asked to (see browsers.test.mjs).
import { spawn } from "node:child_process";
import net from "node:net";

/** The key W3C WebDriver uses for an element reference. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(status, error, message) {
    super(`WebDriver ${error || status}: ${message || ""}`.trim());
    this.error = error;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Process groups (drivers and their browsers) and processes (Xvfb) still
// running: ended when node exits, also on an uncaught error or when e2e.sh's
// timeout sends SIGTERM, so no browser outlives its test.
const groups = new Set();
const processes = new Set();
function endAll() {
  for (const pid of groups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
  for (const pid of processes) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
}
process.on("exit", endAll);
for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]]) {
  process.on(signal, () => process.exit(code));
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(res.status, "invalid response", `${method} ${path}: ${text.slice(0, 200)}`);
  }
  const value = json.value;
  if (!res.ok || (value && typeof value === "object" && typeof value.error === "string")) {
    throw new WebDriverError(res.status, value && value.error, value && value.message);
  }
  return value;
}

/**
 * Polls `fn` every `interval` ms until it returns something truthy (returned)
 * or the deadline passes (throws with `what`). Errors thrown by `fn` count as
 * "not yet" (an element that went stale while the page re-rendered, say); the
 * last one is reported at the deadline.
 */
export async function waitUntil(fn, { timeout = 10000, interval = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
    }
    await sleep(interval);
  }
}

/**
 * Starts a WebDriver server: `command` with `args(port)` on a free port, in
 * its own process group (so stop() also ends the browser it launched), and
 * waits until GET /status answers ready.
 */
export async function startDriver(command, args, { env = {}, timeout = 20000 } = {}) {
  const port = await freePort();
  const child = spawn(command, args(port), {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  groups.add(child.pid);
  const exit = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve((exited = { code, signal }))),
  );
  child.on("error", (e) => {
    exited = { error: e.code === "ENOENT" ? `${command} is not installed (run ./scripts/setup.sh)` : e.message };
  });
  const base = `http://127.0.0.1:${port}`;
  const driver = {
    base,
    pid: child.pid,
    output: () => output,
    async newSession(alwaysMatch) {
      const value = await request(base, "POST", "/session", { capabilities: { alwaysMatch } });
      return new Session(base, value.sessionId, value.capabilities);
    },
    /** Ends the driver and whatever it started (its process group). */
    async stop() {
      for (const signal of ["SIGTERM", "SIGKILL"]) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          break; // no process left in the group
        }
        if (await Promise.race([exit, sleep(5000).then(() => null)])) {
          await sleep(200); // the browser's own processes end after the driver
        }
      }
      groups.delete(child.pid);
    },
  };
  try {
    await waitUntil(
      async () => {
        if (exited) throw new Error(`${command} exited (${JSON.stringify(exited)}): ${output.slice(-500)}`);
        const status = await request(base, "GET", "/status");
        return status && status.ready !== false;
      },
      { timeout, interval: 100, what: `${command} to answer /status` },
    );
  } catch (e) {
    await driver.stop();
    throw e;
  }
  return driver;
}

/** One WebDriver session (one browser window). */
export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  navigate(url) {
    return this.cmd("POST", "/url", { url });
  }

  /** The first element matching a CSS selector, or null. */
  async find(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.length ? found[0][ELEMENT] : null;
  }

  /** Waits until an element matches `css`; returns it. */
  waitForElement(css, timeout = 10000) {
    return waitUntil(() => this.find(css), { timeout, what: `an element matching ${css}` });
  }

  click(element) {
    return this.cmd("POST", `/element/${element}/click`, {});
  }

  clear(element) {
    return this.cmd("POST", `/element/${element}/clear`, {});
  }

  sendKeys(element, text) {
    return this.cmd("POST", `/element/${element}/value`, { text });
  }

  attribute(element, name) {
    return this.cmd("GET", `/element/${element}/attribute/${encodeURIComponent(name)}`);
  }

  /** Runs `script` (a function body; `arguments` holds `args`) in the page. */
  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Polls `script` (a function body returning a value) until it is truthy. */
  waitForScript(script, { args = [], timeout = 10000, interval = 100, what = script } = {}) {
    return waitUntil(() => this.execute(script, args), { timeout, interval, what });
  }

  async delete() {
    try {
      await this.cmd("DELETE", "");
    } catch {
      // The browser may already be gone; the driver's stop() ends it anyway.
    }
  }
}

/**
 * Starts a virtual X display (Debian's xvfb) for a browser that has no
 * headless mode; the server picks a free display number and writes it to fd 3.
 * Returns { display: ":N", stop() }.
 */
export async function startXvfb({ timeout = 10000 } = {}) {
  const child = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (c) => (err += c.toString()));
  processes.add(child.pid);
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on("exit", () => {
      processes.delete(child.pid);
      resolve((exited = true));
    }),
  );
  child.on("error", (e) => {
    exited = true;
    err += e.code === "ENOENT" ? "Xvfb is not installed (run ./scripts/setup.sh)" : e.message;
  });
  const display = await new Promise((resolve, reject) => {
    let got = "";
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display in ${timeout} ms: ${err.slice(-300)}`)), timeout);
    child.stdio[3].on("data", (c) => {
      got += c.toString();
      if (got.includes("\n")) {
        clearTimeout(timer);
        resolve(`:${got.trim()}`);
      }
    });
    exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited: ${err.slice(-300)}`));
    });
  });
  return {
    display,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      await Promise.race([exit, sleep(5000)]);
      if (!exited) child.kill("SIGKILL");
    },
  };
}
