import { createServer } from "http";
import { AddressInfo } from "net";
import { join } from "path";
import { tempDir } from "../helpers/terraform";
import { answer, FakeAccount, FakeAction, FakeIamError } from "./fake-account";

/** What the endpoint does instead of answering: throttle every call, or deny some actions. */
export interface Faults {
  readonly throttle?: boolean;
  readonly deny?: readonly FakeAction[];
}

/** A fake IAM endpoint on localhost, for `AWS_ENDPOINT_URL_IAM`. */
export interface FakeIamEndpoint {
  readonly url: string;
  /** The endpoint, credentials and region, as a user sets them in the environment. */
  readonly environment: Record<string, string>;
  /** Every request received, as `iam:<Action>`, in order; with whether it was signed. */
  readonly requests: { action: string; signed: boolean }[];
  close(): Promise<void>;
}

const ERROR_STATUS: Record<string, number> = { NoSuchEntity: 404, AccessDenied: 403, Throttling: 400 };

/**
 * Serves a fake account over IAM's query protocol (form-encoded POSTs, XML answers), so that a real
 * IAM client, with its own endpoint resolution, signing, retries and parsing, reads it: the audit
 * command is run as users run it, only the endpoint differs.
 */
export async function fakeIamEndpoint(account: FakeAccount, faults: Faults = {}): Promise<FakeIamEndpoint> {
  const requests: { action: string; signed: boolean }[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      const action = form.Action as FakeAction;
      requests.push({ action: `iam:${action}`, signed: /^AWS4-HMAC-SHA256 /.test(request.headers.authorization ?? "") });
      const reply = (status: number, xml: string) => {
        response.writeHead(status, { "content-type": "text/xml" });
        response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
      };
      const error = (code: string, message: string) =>
        reply(
          ERROR_STATUS[code] ?? 400,
          `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code>` +
            `<Message>${escape(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
        );
      if (faults.throttle) return error("Throttling", "Rate exceeded");
      if (faults.deny?.includes(action)) {
        return error("AccessDenied", `User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: iam:${action}`);
      }
      try {
        const result = answer(account, action, form);
        reply(
          200,
          `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${xml(result)}</${action}Result>` +
            `<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></${action}Response>`,
        );
      } catch (e) {
        if (e instanceof FakeIamError) error(e.code, e.message);
        else error("InvalidAction", `not a read call the fake answers: ${action}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    environment: {
      AWS_ENDPOINT_URL_IAM: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_REGION: "eu-west-1",
    },
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The query protocol's XML for an output shape: lists as `<member>` elements, dates in ISO 8601. */
function xml(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${xml(v)}</member>`).join("");
  if (typeof value === "object") {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${xml(v)}</${k}>`)
      .join("");
  }
  return escape(String(value));
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * An environment as a user's shell would give the command, with nothing of ours: no profile, no
 * instance metadata, and the SDK's Node version warning silenced (it is the SDK's, not ours).
 */
export function userEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const dir = tempDir("audit-env-");
  return {
    PATH: process.env.PATH,
    HOME: dir,
    TMPDIR: process.env.TMPDIR,
    AWS_CONFIG_FILE: join(dir, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    npm_config_update_notifier: "false",
    ...extra,
  };
}
