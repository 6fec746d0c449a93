const st = require("/work/main/node_modules/cdktf/lib/tokens/private/stack-trace");
const orig = st.captureStackTrace;
const counts = new Map<string, number>();
st.captureStackTrace = function (below?: unknown) {
  const r = orig(below);
  const key = r.slice(0, 6).map((l: string) => l.replace(/\(.*\//, "(").replace(/:\d+\)$/, ")")).join(" < ");
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return r;
};
process.on("exit", () => { for (const [k, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(n, k.slice(0, 400)); });
process.argv[2] = "100";
require("./scale");
