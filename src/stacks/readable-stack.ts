import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from "cdktf";
import { Construct, IConstruct, Node } from "constructs";
import { formerIdOf } from "../private/former-id";
import { resolveLiterals } from "../private/resolve";

/** Construct ids that name no level of the address: a construct's main resource, a stack's main construct. */
const TRANSPARENT_IDS = ["Resource", "Default"];

/**
 * A stack whose Terraform addresses read like hand-written ones: the construct path below the
 * stack in snake_case, without `Resource` segments and without cdktf's hash suffix
 * (`Batch/ServiceRole/Resource` becomes `aws_iam_role.batch_service_role`). Construct ids are
 * therefore a public contract here: a construct of this library that was renamed gets a `moved`
 * block from its former address, so that upgrading moves state instead of replacing resources.
 *
 * Use it in place of `TerraformStack` to give your own stack the addresses this project's stacks
 * and modules have; a plain `TerraformStack` keeps cdktf's default (hashed, unique) addresses.
 */
export class ReadableStack extends TerraformStack {
  private readonly owners = new Map<string, string>();
  private overridden = false;

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /**
   * cdktf resolves every element of every stack once before synthesizing them, only to find
   * references from one stack to another (which add outputs and remote state). In an app of one
   * stack there are none: that stack skips the pass, which was half of its synth time.
   */
  public prepareStack(): void {
    if (hasOtherStack(this.node.root, this)) return super.prepareStack();
    this.ensureBackendExists();
  }

  toTerraform(): ReturnType<TerraformStack["toTerraform"]> {
    const elements = elementsOf(this);
    for (const element of elements) {
      const former = formerIdOf(element);
      if (former === undefined || !(element instanceof TerraformResource) || element.hasResourceMove()) continue;
      const ids = this.idsBelow(element.node);
      element.moveFromId(`${element.terraformResourceType}.${logicalIdOf([...ids.slice(0, -1), former])}`);
    }
    return this.overridden ? super.toTerraform() : this.resolvedOnce(elements);
  }

  addOverride(path: string, value: unknown): void {
    this.overridden = true;
    super.addOverride(path, value);
  }

  /**
   * What cdktf's `toTerraform` returns, with every element resolved once. cdktf resolves each
   * element, merges them, then resolves the merged whole again, which finds nothing left but the
   * stack's own overrides (a stack with overrides keeps cdktf's way): that second pass was a
   * fifth of the synth time of a thousand roles. And cdktf resolves only what may hold a token.
   */
  private resolvedOnce(elements: TerraformElement[]): ReturnType<TerraformStack["toTerraform"]> {
    const resolveTokens = (part: unknown) => Tokenization.resolve(part, { scope: this, resolver: RESOLVER, preparing: false });
    const resolve = <T>(value: T): T => resolveLiterals(value, resolveTokens);
    const metadata: Record<string, unknown> = {
      version: this.node.tryGetContext("cdktfVersion"),
      stackName: this.node.id,
      backend: "local", // a backend element's metadata overwrites it
    };
    for (const element of elements) mergeInto(metadata, resolve(element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const output of elements.filter((e) => TerraformOutput.isTerraformOutput(e))) {
      const path = output.node.path.split("/");
      mergeInto(outputs, path.reduceRight<unknown>((inner, part) => ({ [part]: inner }), output.friendlyUniqueId) as object);
    }
    const tf: Record<string, unknown> = { "//": { metadata, outputs } };
    for (const element of elements) mergeInto(tf, resolve(element.toTerraform()));
    return tf;
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const logicalId = logicalIdOf(this.idsBelow(node));
    const owner = this.owners.get(logicalId);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Constructs '${owner}' and '${node.path}' would both be addressed as '${logicalId}'`);
    }
    this.owners.set(logicalId, node.path);
    return logicalId;
  }

  /** The construct ids from below this stack down to `node`. */
  private idsBelow(node: Node): string[] {
    const ids: string[] = [];
    for (let at: Node | undefined = node; at !== undefined && at !== this.node; at = at.scope?.node) ids.push(at.id);
    return ids.reverse();
  }
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** Whether the app holds a stack other than `stack`. Terraform elements hold no stacks: they are not searched. */
function hasOtherStack(construct: IConstruct, stack: TerraformStack): boolean {
  for (const child of construct.node.children) {
    if (TerraformStack.isStack(child) && child !== stack) return true;
    if (!TerraformElement.isTerraformElement(child) && hasOtherStack(child, stack)) return true;
  }
  return false;
}

/** The Terraform elements of a stack, in construct order, without those of a nested stack (as cdktf lists them). */
function elementsOf(construct: Construct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(construct)) into.push(construct);
  for (const child of construct.node.children) if (!TerraformStack.isStack(child)) elementsOf(child as Construct, into);
  return into;
}

/**
 * Merges a resolved fragment into `target` as cdktf merges them: maps key by key, lists appended.
 * What `target` holds is the merge's own (maps are copied into new ones, a list is copied when it
 * is first set): a fragment shares its literal parts with the element it came from.
 */
function mergeInto(target: Record<string, unknown>, source: object): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (value === undefined) delete target[key];
    else if (Array.isArray(value)) {
      if (Array.isArray(existing)) for (const item of value) existing.push(item);
      else target[key] = value.slice();
    } else if (typeof value === "object" && value !== null) {
      const into = typeof existing === "object" && existing !== null && !Array.isArray(existing) ? existing : (target[key] = {});
      mergeInto(into as Record<string, unknown>, value);
    } else target[key] = value;
  }
}

/** The readable logical id of the construct ids below the stack. */
function logicalIdOf(ids: readonly string[]): string {
  return ids
    .filter((id) => !TRANSPARENT_IDS.includes(id))
    .map(snakeCaseOnce)
    .join("_");
}

/** The same few construct ids recur in every role: each is converted once. */
const snakeCases = new Map<string, string>();
function snakeCaseOnce(id: string): string {
  let converted = snakeCases.get(id);
  if (converted === undefined) snakeCases.set(id, (converted = snakeCase(id)));
  return converted;
}

/** `EcrPullPolicy` → `ecr_pull_policy`; `service_role_arn` and `aws` stay as they are. */
export function snakeCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toLowerCase();
}
