import { Lazy } from "cdktf";

// The app's launcher and the jest setup install lazy token traces (tools/token-traces.cjs): a
// token still says where it was created, once something reads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lazyTrace } = require("../../tools/token-traces.cjs");

describe("token creation stacks, formatted when read", () => {
  test("cdktf captures them with the lazy trace here, as in the app", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require("cdktf/lib/tokens/private/stack-trace").captureStackTrace).toBe(lazyTrace);
  });

  test("a token's creation stack names the function that created it, as cdktf's messages print it", () => {
    function createdHere() {
      return Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
    }
    const { creationStack } = createdHere();
    expect(creationStack.length).toBeGreaterThan(0);
    expect(creationStack.join("\n  at ")).toContain("createdHere (");
    expect([...creationStack].every((line) => !line.startsWith("at "))).toBe(true);
  });
});
