import { createHash } from "crypto";
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "fs";
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
  "s3_bucket",
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

/** A provider process started in debug mode, to which Terraform attaches. */
export interface ProviderProcess {
  /** The `TF_REATTACH_PROVIDERS` value that attaches Terraform to it. */
  readonly reattach: string;
  stop(): void;
}

/** The configuration call of each plugin protocol. */
const CONFIGURE_CALLS = new Set(["/tfplugin5.Provider/Configure", "/tfplugin6.Provider/ConfigureProvider"]);

/** A provider process as the proxy reaches it. */
interface Upstream {
  session(): ClientHttp2Session;
  stop(): void;
}

/** A saved answer of the provider: its headers, body and trailers. */
interface Answer {
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
  readonly trailers: OutgoingHttpHeaders;
}

/**
 * Puts a proxy in front of provider processes that Terraform attaches to (`TF_REATTACH_PROVIDERS`,
 * the value returned). Every call passes through unchanged, both ways (plugin gRPC over HTTP/2 on
 * a Unix socket), but two:
 *
 * - The provider's schema names only the types of {@link SERVICES}, and the proxy answers it
 *   itself, from `schemaCache` (a file, shared by every proxy of the run) once a provider has
 *   answered it. Every Terraform command asks for the schema; the AWS provider's (5 MB, some 1,500
 *   resource types and data sources) costs Terraform more than a second of CPU to read, and the
 *   provider most of one to write: the largest share of what a short command costs. Narrowed, it
 *   costs milliseconds. The schema of each type Terraform sees is the provider's own, byte for byte.
 * - Each configuration of the provider gets a process of its own: a connection that configures
 *   the provider (one per provider configuration of a command: each alias, each module's own
 *   `provider "aws" {}`) is served, from then on, by the process that holds that configuration,
 *   started with `spawn` for a configuration not seen before. Terraform configures each of the
 *   processes it starts itself once; a shared process that was configured twice with different
 *   settings would serve every configuration with the last.
 *
 * `E2E_PROVIDER_SCHEMA=full` passes the schema through whole, for comparison.
 */
export async function providerProxy(
  first: ProviderProcess,
  spawn: () => Promise<ProviderProcess>,
  schemaCache: string,
): Promise<ProviderProcess> {
  const providers: Record<string, { Addr: { Network: string; String: string } }> = JSON.parse(first.reattach);
  const [[address, provider]] = Object.entries(providers);
  if (provider.Addr.Network !== "unix") throw new Error(`the provider serves on ${provider.Addr.Network}, not a Unix socket`);
  const upstreams: Upstream[] = [];
  const upstreamOf = (started: ProviderProcess): Upstream => {
    const path = (Object.values(JSON.parse(started.reattach))[0] as typeof provider).Addr.String;
    let session: ClientHttp2Session | undefined;
    const upstream = {
      session: () => {
        if (session === undefined || session.closed || session.destroyed) {
          session = connect("http://localhost", { createConnection: () => connectSocket(path) });
          session.on("error", () => undefined);
          session.unref();
        }
        return session;
      },
      stop: () => {
        session?.close();
        started.stop();
      },
    };
    upstreams.push(upstream);
    return upstream;
  };
  const initial = upstreamOf(first);
  let initialConfigured = false;
  // The process of each configuration, by the configuration call's request.
  const configured = new Map<string, Promise<Upstream>>();
  const routes = new WeakMap<object, Promise<Upstream>>();
  let schema: Promise<Answer> | undefined;

  const server = createServer();
  server.on("stream", (stream, headers) => {
    const path = String(headers[":path"]);
    if (SCHEMA_CALLS.has(path)) {
      stream.resume(); // its request is empty
      schema ??= cachedSchema(schemaCache, () => call(initial.session(), headers));
      schema.then(
        (answer) => answerWith(stream, answer),
        () => stream.close(constants.NGHTTP2_INTERNAL_ERROR),
      );
      return;
    }
    if (CONFIGURE_CALLS.has(path)) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const request = Buffer.concat(chunks);
        const key = createHash("sha256").update(request).digest("hex");
        if (!configured.has(key)) {
          configured.set(key, initialConfigured ? spawn().then(upstreamOf) : Promise.resolve(initial));
          initialConfigured = true;
        }
        const target = configured.get(key)!;
        if (stream.session) routes.set(stream.session, target);
        target.then(
          (upstream) => pass(stream, headers, upstream.session(), request),
          () => stream.close(constants.NGHTTP2_INTERNAL_ERROR),
        );
      });
      return;
    }
    ((stream.session && routes.get(stream.session)) || Promise.resolve(initial)).then(
      (upstream) => pass(stream, headers, upstream.session()),
      () => stream.close(constants.NGHTTP2_INTERNAL_ERROR),
    );
  });
  server.on("error", () => undefined);
  const socket = join(tmpdir(), `tf-provider-${process.pid}-${Math.random().toString(36).slice(2)}.sock`);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  server.unref();
  return {
    reattach: JSON.stringify({ [address]: { ...provider, Addr: { Network: "unix", String: socket } } }),
    stop: () => {
      server.close();
      for (const upstream of upstreams) upstream.stop();
      for (const spawned of configured.values())
        spawned.then(
          (upstream) => upstream.stop(),
          () => undefined,
        );
      try {
        unlinkSync(socket);
      } catch {
        // already gone
      }
    },
  };
}

/**
 * The narrowed schema: read from `file` when a proxy of the run has written it, else asked of the
 * provider, narrowed, and written there (whole, by a rename) for the next.
 */
async function cachedSchema(file: string, ask: () => Promise<Answer>): Promise<Answer> {
  const full = process.env.E2E_PROVIDER_SCHEMA === "full";
  if (!full && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8"));
    return { headers: saved.headers, trailers: saved.trailers, body: Buffer.from(saved.body, "base64") };
  }
  const answer = await ask();
  if (full) return answer;
  const narrowedAnswer = { ...answer, body: narrowed(answer.body) };
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temporary, JSON.stringify({ ...narrowedAnswer, body: narrowedAnswer.body.toString("base64") }));
  renameSync(temporary, file);
  return narrowedAnswer;
}

/** The request headers to pass on: the path, the method and the ordinary ones. */
function requestHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k === ":path" || k === ":method" || !k.startsWith(":")));
}

/** The response headers to pass on: the status and the ordinary ones. */
function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k === ":status" || !k.startsWith(":")));
}

/**
 * Passes a call (unary or streaming, either way) on to the provider and its answer back, unchanged;
 * `request`: the whole request, when it was read already.
 */
function pass(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, session: ClientHttp2Session, request?: Buffer): void {
  const open = () => !stream.destroyed && !stream.closed;
  const up = session.request(requestHeaders(headers));
  let trailers: OutgoingHttpHeaders = {};
  if (request === undefined) stream.pipe(up);
  else up.end(request);
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
function call(session: ClientHttp2Session, headers: IncomingHttpHeaders): Promise<Answer> {
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

function answerWith(stream: ServerHttp2Stream, answer: Answer) {
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
