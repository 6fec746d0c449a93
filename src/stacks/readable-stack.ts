import { Aspects, IAspect, TerraformElement, TerraformResource, TerraformStack } from "cdktf";
import { Construct, IConstruct, Node } from "constructs";
import { formerIdOf } from "../private/former-id";
import { snakeCase } from "../private/names";

/** Construct ids that name no level of the address: a construct's main resource, a stack's main construct. */
const TRANSPARENT_IDS = ["Resource", "Default"];

/**
 * A stack whose Terraform addresses read like hand-written ones: the construct path below the
 * stack in snake_case, without `Resource` segments and without cdktf's hash suffix
 * (`Batch/ServiceRole/Resource` becomes `aws_iam_role.batch_service_role`). Construct ids are
 * therefore a public contract here: a construct of this library that was renamed gets a `moved`
 * block from its former address, so that upgrading moves state instead of replacing resources.
 *
 * It changes only how elements are named (`allocateLogicalId`) and adds the moved blocks through
 * an aspect (`moveFromId`): cdktf prepares, validates, resolves and writes it as any stack.
 *
 * Use it in place of `TerraformStack` to give your own stack the addresses this project's stacks
 * and modules have; a plain `TerraformStack` keeps cdktf's default (hashed, unique) addresses.
 */
export class ReadableStack extends TerraformStack {
  private readonly owners = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    Aspects.of(this).add(new MovedFromFormerIds(this));
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const logicalId = logicalIdOf(idsBelow(this, node));
    const owner = this.owners.get(logicalId);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Constructs '${owner}' and '${node.path}' would both be addressed as '${logicalId}'`);
    }
    this.owners.set(logicalId, node.path);
    return logicalId;
  }
}

/** Gives each renamed resource of `stack` a `moved` block from the address its former id had. */
class MovedFromFormerIds implements IAspect {
  constructor(private readonly stack: ReadableStack) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || node.hasResourceMove() || TerraformStack.of(node) !== this.stack) return;
    const former = formerIdOf(node);
    if (former === undefined) return;
    const ids = idsBelow(this.stack, node.node);
    node.moveFromId(`${node.terraformResourceType}.${logicalIdOf([...ids.slice(0, -1), former])}`);
  }
}

/** The construct ids from below `stack` down to `node`. */
function idsBelow(stack: TerraformStack, node: Node): string[] {
  const ids: string[] = [];
  for (let at: Node | undefined = node; at !== undefined && at !== stack.node; at = at.scope?.node) ids.push(at.id);
  return ids.reverse();
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
