import type { IConstruct } from "constructs";

const formerIds = new WeakMap<IConstruct, string>();

/**
 * Records that a construct was created under another id in an earlier release. Construct ids are
 * Terraform addresses in a `ReadableStack`, which turns the record into a `moved` block so that
 * state follows the rename instead of replacing the resource.
 */
export function setFormerId(construct: IConstruct, id: string): void {
  formerIds.set(construct, id);
}

/** The id a construct had in an earlier release, if it was renamed. */
export function formerIdOf(construct: IConstruct): string | undefined {
  return formerIds.get(construct);
}
