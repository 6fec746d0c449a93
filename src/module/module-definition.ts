import { Construct } from "constructs";
import { InputsOf } from "../inputs/input";
import { OutputSpec } from "../setups/output-spec";
import { ModuleVariable } from "./module-variable";

/** The Terraform and provider versions a module asks for: a floor, not the bindings' exact pin. */
export const MODULE_REQUIREMENTS = {
  terraform: ">= 1.3",
  aws: { source: "hashicorp/aws", version: ">= 5.72.0" },
} as const;

/** Everything that defines one generated Terraform module of a setup `S` with props `P`. */
export interface ModuleDefinition<S, P> {
  /** The folder name under `modules/`. */
  readonly name: string;
  /** The README title. */
  readonly title: string;
  /** One paragraph: what the module creates, and from which AWS documents. */
  readonly purpose: string;
  /** How the setup checks its props: the variables take their types and rules from here. */
  readonly inputs: InputsOf<P>;
  /** The module's inputs, each feeding one input of the setup. */
  readonly variables: readonly ModuleVariable[];
  /** The module's outputs, the same specs the deployable stack uses. */
  readonly outputs: readonly OutputSpec<S>[];
  /** Builds the setup construct from props whose values are the variables. */
  readonly setup: (scope: Construct, props: P) => S;
  /** The body of the README's usage example (the lines inside `module "…" { }` after `source`). */
  readonly usage: string;
  /** Notes for the README, after the usage. */
  readonly notes?: string;
}
