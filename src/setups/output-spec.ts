import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { SWITCHED_OFF } from "../private/expr";

/** One output of a stack or module, defined once for both and for the module README. */
export interface OutputSpec<S> {
  /** The output's name, in terraform-aws-modules' `<thing>_<attribute>` family. */
  readonly name: string;
  /** One sentence for the README and `terraform output`. */
  readonly description: string;
  /**
   * Reads the value from the setup; undefined when the setup has not the thing at all. A stack
   * declares no output for either, nor for a thing switched off at synth (its value would only
   * ever be null); a module declares every output, null for what it does not create.
   */
  readonly value: (setup: S) => string | undefined;
}

/** Declares every output of `specs` in `scope`, named exactly as the spec says. */
export function addOutputs<S>(scope: Construct, specs: readonly OutputSpec<S>[], setup: S): void {
  for (const spec of specs) {
    const value = spec.value(setup);
    if (value !== undefined && value !== SWITCHED_OFF) new TerraformOutput(scope, spec.name, { description: spec.description, value });
  }
}
