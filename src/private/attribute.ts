import { Fn, ref, TerraformResource, TerraformStack, Token } from "cdktf";
import { producedString } from "./produced";

/**
 * A string attribute of a resource. A resource with `count` is a list in Terraform, so its
 * attribute is read as `one(resource[*].attribute)`: the value, or null when it was not created.
 */
export function attribute(resource: TerraformResource, name: string): string {
  if (resource.count === undefined) return resource.getStringAttribute(name);
  const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}[*].${name}`;
  return Token.asString(Fn.one(ref(address, TerraformStack.of(resource))));
}

/** An attribute of a resource as a list: its one value, or `resource[*].<name>` for a resource with `count`. */
export function attributeList(resource: TerraformResource, name: string): string[] {
  if (resource.count === undefined) return [resource.getStringAttribute(name)];
  return Token.asList(ref(`${resource.terraformResourceType}.${resource.friendlyUniqueId}[*].${name}`, TerraformStack.of(resource)));
}

/**
 * `value`, read in Terraform only once every one of `after()` exists: `element(concat([value],
 * <their ids>), 0)`. The value is unchanged (the first element), but a resource that references
 * it depends on them too, so it is created after them and destroyed before them, which cdktf
 * cannot say with `dependsOn` on an attribute. Their ids being replaced leaves it known.
 * `after` is read at synth, so resources added later count.
 */
export function orderedAfter(value: string, after: () => readonly TerraformResource[]): string {
  return producedString(() => {
    const resources = after();
    if (resources.length === 0) return value;
    return Fn.element(Fn.concat([[value], ...resources.map((r) => attributeList(r, "id"))]), 0);
  });
}
