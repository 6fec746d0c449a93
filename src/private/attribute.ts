import { Fn, ref, TerraformResource, TerraformStack, Token } from "cdktf";

/**
 * A string attribute of a resource. A resource with `count` is a list in Terraform, so its
 * attribute is read as `one(resource[*].attribute)`: the value, or null when it was not created.
 */
export function attribute(resource: TerraformResource, name: string): string {
  if (resource.count === undefined) return resource.getStringAttribute(name);
  const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}[*].${name}`;
  return Token.asString(Fn.one(ref(address, TerraformStack.of(resource))));
}
