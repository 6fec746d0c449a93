// cdktf records where every token was created, for the message it gives when that token cannot
// be resolved: it captures the whole call stack and formats it into lines at once, for each
// reference, lazy value and list attribute (three per role). That was a tenth of the synth of a
// thousand roles, and more under jest, whose source-map support rewrites every frame. Here the
// stack is captured as V8 keeps it (at most 30 frames, unformatted) and formatted only when a
// message reads it. The launcher of our app (ts-register.js) and the jest setup install it; the
// library itself changes nothing in the processes that import it. CDKTF_TOKEN_TRACES=full keeps
// cdktf's own.
"use strict";

const FRAMES = 30;

function lazyTrace(below) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = FRAMES;
    Error.captureStackTrace(holder, below || lazyTrace);
  } finally {
    Error.stackTraceLimit = limit;
  }
  let lines;
  const frames = () =>
    (lines ??= holder.stack
      ? holder.stack
          .split("\n")
          .slice(1)
          .map((s) => s.replace(/^\s*at\s+/, ""))
      : []);
  // An array to whoever reads it: its lines are made on the first read.
  return new Proxy([], {
    get: (_, key) => Reflect.get(frames(), key),
    has: (_, key) => Reflect.has(frames(), key),
    ownKeys: () => Reflect.ownKeys(frames()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(frames(), key),
  });
}

/** Installs the lazy trace in the cdktf that `load` (a module's require) loads: by default, this project's. */
function installLazyTokenTraces(load = require) {
  if (process.env.CDKTF_TOKEN_TRACES === "full") return;
  try {
    load("cdktf/lib/tokens/private/stack-trace").captureStackTrace = lazyTrace;
  } catch {
    // No cdktf to load (a tool that does not synthesize): nothing to change.
  }
}

module.exports = { installLazyTokenTraces, lazyTrace };
