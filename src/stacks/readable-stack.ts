import { TerraformElement, TerraformStack } from "cdktf";
import { Construct, Node } from "constructs";

/** Construct ids that name no level of the address: a construct's main resource, a stack's main construct. */
const TRANSPARENT_IDS = ["Resource", "Default"];

/**
 * A stack whose Terraform addresses read like hand-written ones: the construct path below the
 * stack in snake_case, without `Resource` segments and without cdktf's hash suffix
 * (`Batch/ServiceRole/Resource` becomes `aws_iam_role.batch_service_role`). Construct ids are
 * therefore a public contract here: renaming one moves the resource.
 */
export class ReadableStack extends TerraformStack {
  private readonly owners = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const below = node.scopes.slice(node.scopes.indexOf(this) + 1);
    const logicalId = below
      .map((scope) => scope.node.id)
      .filter((id) => !TRANSPARENT_IDS.includes(id))
      .map(snakeCase)
      .join("_");
    const owner = this.owners.get(logicalId);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(`Constructs '${owner}' and '${node.path}' would both be addressed as '${logicalId}'`);
    }
    this.owners.set(logicalId, node.path);
    return logicalId;
  }
}

/** `EcrPullPolicy` → `ecr_pull_policy`; `service_role_arn` and `aws` stay as they are. */
export function snakeCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toLowerCase();
}
