import { createServer, request as httpRequest } from "http";
import { AddressInfo } from "net";

/**
 * What the proxy does to the calls it passes on, as AWS does on a bad day: throttling, server
 * errors, access denied, and IAM's eventual consistency (a new entity invisible to its first reads).
 */
export interface Faults {
  /** The share of calls answered `Throttling` (IAM's code for a rate exceeded), from 0 to 1. */
  readonly throttle?: number;
  /**
   * Actions (`GetRolePolicy`, …) answered with this error instead: every call, or the first `times`
   * calls; with `when`, only the calls whose parameters hold those values (`{ RoleArn: … }`).
   */
  readonly fail?: Readonly<
    Record<
      string,
      { readonly code: string; readonly status: number; readonly times?: number; readonly when?: Readonly<Record<string, string>> }
    >
  >;
  /**
   * After a role is created (`CreateRole`), or an inline policy put (`PutRolePolicy`), this many
   * reads of it answer `NoSuchEntity`, though lists already name it. Counted in reads rather than
   * in time, so that a busy machine, slow to send the reads, sees the same as an idle one.
   */
  readonly invisibleReads?: number;
  /** The services whose calls get the faults, by their signing name. @default ["iam"] */
  readonly services?: readonly string[];
}

/** A proxy in front of an AWS endpoint (moto) that injects {@link Faults}. */
export interface FaultProxy {
  readonly url: string;
  /** The faults it injects from now on. */
  faults: Faults;
  /** Every call passed or answered, as `<Action>` or `<Action>: <fault>`. */
  readonly calls: string[];
  /**
   * Holds the next call of `action` (`CreateInstanceProfile`, …) before passing it on, until
   * `release()`: a caller kept in the middle of its work for as long as a test needs, however
   * fast or slow the machine is. `reached` resolves when the call arrives.
   */
  hold(action: string): { readonly reached: Promise<void>; release(): void };
  close(): Promise<void>;
}

/**
 * Starts a proxy to `target` that injects faults into the calls of the query protocol (IAM, STS:
 * form-encoded POSTs that name their `Action`), the way AWS answers them, and passes every other
 * request on untouched. Throttling is drawn from a seeded sequence: a run is repeatable. With
 * `account`, every request is moto's in that account (its `x-moto-account-id` header), so that
 * tests side by side each have an account of their own.
 */
export async function faultProxy(target: string, initial: Faults = {}, account?: string): Promise<FaultProxy> {
  const proxy = { faults: initial };
  const calls: string[] = [];
  const hidden = new Map<string, number>();
  const failed = new Map<string, number>();
  const holds = new Map<string, { arrived(): void; released: Promise<void> }>();
  let seed = 20261205;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(/x-www-form-urlencoded/.test(incoming.headers["content-type"] ?? "") ? body.toString() : "");
      const action = form.get("Action") ?? "";
      const error = (status: number, code: string, message: string) => {
        calls.push(`${action}: ${code}`);
        response.writeHead(status, { "content-type": "text/xml" });
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error>` +
            `<Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${code}</Code><Message>${message}</Message></Error>` +
            `<RequestId>fault-proxy</RequestId></ErrorResponse>`,
        );
      };
      const service = /\/([a-z0-9-]+)\/aws4_request/.exec(incoming.headers.authorization ?? "")?.[1] ?? "";
      if (action && (proxy.faults.services ?? ["iam"]).includes(service)) {
        const faults = proxy.faults;
        const fail = faults.fail?.[action];
        const matches = Object.entries(fail?.when ?? {}).every(([key, value]) => form.get(key) === value);
        if (fail !== undefined && matches && (fail.times === undefined || (failed.get(action) ?? 0) < fail.times)) {
          failed.set(action, (failed.get(action) ?? 0) + 1);
          return error(fail.status, fail.code, `Injected ${fail.code} for ${action}.`);
        }
        if (faults.throttle !== undefined && random() < faults.throttle) return error(400, "Throttling", "Rate exceeded");
        const key = entityOf(action, form);
        const reads = key === undefined ? 0 : (hidden.get(key) ?? 0);
        if (key !== undefined && reads > 0) {
          hidden.set(key, reads - 1);
          return error(404, "NoSuchEntity", `The ${key} cannot be found (not yet visible).`);
        }
      }
      const held = holds.get(action);
      if (held !== undefined) {
        holds.delete(action);
        held.arrived();
        await held.released;
      }
      const upstream = new URL(target);
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, ...(account === undefined ? {} : { "x-moto-account-id": account }) },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("end", () => {
            calls.push(action || `${incoming.method} ${incoming.url}`);
            const created = createdBy(action, form);
            if (created !== undefined && answer.statusCode === 200 && proxy.faults.invisibleReads)
              hidden.set(created, proxy.faults.invisibleReads);
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(Buffer.concat(parts));
          });
        },
      );
      forward.on("error", (e) => error(502, "ProxyError", e.message));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    calls,
    hold: (action: string) => {
      let arrived = () => undefined as void;
      let release = () => undefined as void;
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.set(action, { arrived, released });
      return { reached, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The entity a call creates, as {@link entityOf} names it. */
function createdBy(action: string, form: URLSearchParams): string | undefined {
  if (action === "CreateRole") return `role ${form.get("RoleName")}`;
  if (action === "PutRolePolicy") return `role policy ${form.get("RoleName")}:${form.get("PolicyName")}`;
  return undefined;
}

/** The entity a read call reads, when it is one whose visibility IAM delays. */
function entityOf(action: string, form: URLSearchParams): string | undefined {
  if (action === "GetRole") return `role ${form.get("RoleName")}`;
  if (action === "GetRolePolicy") return `role policy ${form.get("RoleName")}:${form.get("PolicyName")}`;
  return undefined;
}
