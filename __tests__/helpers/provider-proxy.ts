import { unlinkSync } from "fs";
import { ClientHttp2Session, connect, constants, createServer, IncomingHttpHeaders, OutgoingHttpHeaders, ServerHttp2Stream } from "http2";
import { connect as connectSocket } from "net";
import { join } from "path";
import { tmpdir } from "os";

/**
 * The services whose resource types, data sources and ephemeral resources Terraform is told of:
 * every type this project's modules, stacks, examples and tests use is among them. A configuration
 * with a type outside them fails as it would with a provider that lacks it (`The provider
 * hashicorp/aws does not support resource type ...`): never silently.
 */
const SERVICES = [
  "iam",
  "batch",
  "ecs",
  "secretsmanager",
  "kms",
  "ssm",
  "vpc",
  "subnet",
  "subnets",
  "security_group",
  "security_groups",
  "default_vpc",
  "default_subnet",
  "default_security_group",
  "partition",
  "caller_identity",
  "region",
  "availability_zone",
  "availability_zones",
];

/** Whether Terraform is told of a resource type, data source or ephemeral resource. */
export const describedType = (type: string) => SERVICES.some((s) => type === `aws_${s}` || type.startsWith(`aws_${s}_`));

/** The schema call of each plugin protocol: tfplugin5's `GetSchema`, tfplugin6's `GetProviderSchema`. */
const SCHEMA_CALLS = new Set(["/tfplugin5.Provider/GetSchema", "/tfplugin6.Provider/GetProviderSchema"]);

/**
 * The fields of `GetProviderSchema.Response` (the same numbers in both protocols) that map a type
 * name to its schema: resource_schemas, data_source_schemas, ephemeral_resource_schemas.
 */
const TYPE_MAPS = new Set([2, 3, 8]);

/** A proxy between Terraform and a provider process started in debug mode. */
export interface ProviderProxy {
  /** The `TF_REATTACH_PROVIDERS` value that attaches Terraform to the provider through the proxy. */
  readonly reattach: string;
  close(): void;
}

/**
 * Puts a proxy in front of a provider process that Terraform attaches to (`TF_REATTACH_PROVIDERS`):
 * every call passes through unchanged, both ways (plugin gRPC over HTTP/2 on a Unix socket),
 * except the provider's schema, which names only the types of {@link SERVICES}, and which the
 * proxy answers itself after the provider's first answer.
 *
 * Why: every Terraform command asks the provider for its schema, and the AWS provider's (5 MB, some
 * 1,500 resource types and data sources) costs Terraform more than a second of CPU to read, and
 * the provider most of one to write: the largest share of what a short command costs. Narrowed to
 * the services the tests use, it costs a few milliseconds. The schema of each type Terraform sees
 * is the provider's own, byte for byte, and every other call is the provider's.
 *
 * `E2E_PROVIDER_SCHEMA=full` passes the schema through whole, for comparison.
 */
export async function providerProxy(reattach: string): Promise<ProviderProxy> {
  if (process.env.E2E_PROVIDER_SCHEMA === "full") return { reattach, close: () => undefined };
  const providers: Record<string, { Addr: { Network: string; String: string } }> = JSON.parse(reattach);
  const [[address, provider]] = Object.entries(providers);
  if (provider.Addr.Network !== "unix") return { reattach, close: () => undefined };
  const upstreamPath = provider.Addr.String;
  let session: ClientHttp2Session | undefined;
  const upstream = () => {
    if (session === undefined || session.closed || session.destroyed) {
      session = connect("http://localhost", { createConnection: () => connectSocket(upstreamPath) });
      session.on("error", () => undefined);
      session.unref();
    }
    return session;
  };
  let schema: Promise<{ headers: OutgoingHttpHeaders; body: Buffer; trailers: OutgoingHttpHeaders }> | undefined;

  const server = createServer();
  server.on("stream", (stream, headers) => {
    const path = String(headers[":path"]);
    if (SCHEMA_CALLS.has(path)) {
      // Its request is empty: read and dropped.
      stream.resume();
      schema ??= call(upstream(), headers).then(({ headers, body, trailers }) => ({ headers, body: narrowed(body), trailers }));
      schema.then(
        (answer) => answerWith(stream, answer),
        () => stream.close(constants.NGHTTP2_INTERNAL_ERROR),
      );
      return;
    }
    pass(stream, headers, upstream());
  });
  server.on("error", () => undefined);
  const socket = join(tmpdir(), `tf-provider-proxy-${process.pid}-${Math.random().toString(36).slice(2)}.sock`);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  server.unref();
  return {
    reattach: JSON.stringify({ [address]: { ...provider, Addr: { Network: "unix", String: socket } } }),
    close: () => {
      server.close();
      session?.close();
      try {
        unlinkSync(socket);
      } catch {
        // already gone
      }
    },
  };
}

/** The request headers to pass on: the path, the method and the ordinary ones. */
function requestHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k === ":path" || k === ":method" || !k.startsWith(":")));
}

/** The response headers to pass on: the status and the ordinary ones. */
function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k === ":status" || !k.startsWith(":")));
}

/** Passes a call (unary or streaming, either way) on to the provider and its answer back, unchanged. */
function pass(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, session: ClientHttp2Session): void {
  const open = () => !stream.destroyed && !stream.closed;
  const up = session.request(requestHeaders(headers));
  let trailers: OutgoingHttpHeaders = {};
  stream.pipe(up);
  up.on("response", (answer, flags) => {
    if (!open()) return;
    if (flags & constants.NGHTTP2_FLAG_END_STREAM) stream.respond(responseHeaders(answer), { endStream: true });
    else stream.respond(responseHeaders(answer), { waitForTrailers: true });
  });
  up.on("trailers", (t) => (trailers = responseHeaders(t)));
  stream.on("wantTrailers", () => stream.sendTrailers(trailers));
  up.on("data", (chunk: Buffer) => open() && stream.write(chunk));
  up.on("end", () => open() && stream.headersSent && stream.end());
  up.on("error", () => open() && stream.close(constants.NGHTTP2_INTERNAL_ERROR));
  // Reset by the provider: reset for Terraform too (a stream that ended well closes by itself).
  up.on("close", () => open() && up.rstCode > constants.NGHTTP2_NO_ERROR && stream.close(up.rstCode));
  stream.on("error", () => undefined);
  stream.on("close", () => !up.closed && up.close(constants.NGHTTP2_CANCEL));
}

/** Makes a unary call of the provider (with an empty request) and collects its answer. */
function call(
  session: ClientHttp2Session,
  headers: IncomingHttpHeaders,
): Promise<{ headers: OutgoingHttpHeaders; body: Buffer; trailers: OutgoingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const up = session.request(requestHeaders(headers));
    // A gRPC message: not compressed, of length 0 (the schema request has no fields).
    up.end(Buffer.alloc(5));
    let answer: OutgoingHttpHeaders = {};
    let trailers: OutgoingHttpHeaders = {};
    const chunks: Buffer[] = [];
    up.on("response", (h) => (answer = responseHeaders(h)));
    up.on("trailers", (t) => (trailers = responseHeaders(t)));
    up.on("data", (chunk: Buffer) => chunks.push(chunk));
    up.on("end", () =>
      trailers["grpc-status"] === "0" || answer["grpc-status"] === "0"
        ? resolve({ headers: answer, body: Buffer.concat(chunks), trailers })
        : reject(new Error(`the provider's schema call failed: ${JSON.stringify({ ...answer, ...trailers })}`)),
    );
    up.on("error", reject);
  });
}

function answerWith(stream: ServerHttp2Stream, answer: { headers: OutgoingHttpHeaders; body: Buffer; trailers: OutgoingHttpHeaders }) {
  if (stream.destroyed || stream.closed) return;
  stream.respond(answer.headers, { waitForTrailers: true });
  stream.on("wantTrailers", () => stream.sendTrailers(answer.trailers));
  stream.on("error", () => undefined);
  stream.end(answer.body);
}

/** A gRPC-framed `GetProviderSchema.Response` with only the entries of the types Terraform is told of. */
function narrowed(framed: Buffer): Buffer {
  if (framed.length < 5 || framed[0] !== 0) throw new Error("the provider's schema is compressed or empty: not narrowed");
  const message = framed.subarray(5, 5 + framed.readUInt32BE(1));
  const kept: Buffer[] = [];
  let at = 0;
  while (at < message.length) {
    const start = at;
    let tag: number;
    [tag, at] = varint(message, at);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 2) {
      let length: number;
      [length, at] = varint(message, at);
      const entry = message.subarray(at, at + length);
      at += length;
      if (TYPE_MAPS.has(field) && !describedType(mapKey(entry))) continue;
    } else if (wire === 0) [, at] = varint(message, at);
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`the provider's schema has a field of wire type ${wire}: not narrowed`);
    kept.push(message.subarray(start, at));
  }
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** The key (field 1, a string) of a protobuf map entry. */
function mapKey(entry: Buffer): string {
  const [tag, afterTag] = varint(entry, 0);
  if (tag !== (1 << 3) + 2) return "";
  const [length, at] = varint(entry, afterTag);
  return entry.subarray(at, at + length).toString("utf8");
}

function varint(buffer: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = buffer[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}
