import { Construct } from "constructs";
import { OutputSpec } from "../setups/output-spec";
import { ModuleVariable, VariableRefs } from "./module-variable";

/** The Terraform and provider versions a module asks for: a floor, not the bindings' exact pin. */
export const MODULE_REQUIREMENTS = {
  terraform: ">= 1.3",
  aws: { source: "hashicorp/aws", version: ">= 5.0" },
} as const;

/** Everything that defines one generated Terraform module. */
export interface ModuleDefinition<S> {
  /** The folder name under `modules/`. */
  readonly name: string;
  /** The README title. */
  readonly title: string;
  /** One paragraph: what the module creates, and from which AWS documents. */
  readonly purpose: string;
  /** The module's inputs. */
  readonly variables: readonly ModuleVariable[];
  /** The module's outputs, the same specs the deployable stack uses. */
  readonly outputs: readonly OutputSpec<S>[];
  /** Builds the setup construct, with the variables in place of literal props. */
  readonly build: (scope: Construct, vars: VariableRefs) => S;
  /** The body of the README's usage example (the lines inside `module "…" { }` after `source`). */
  readonly usage: string;
  /** Notes for the README, after the usage. */
  readonly notes?: string;
}
