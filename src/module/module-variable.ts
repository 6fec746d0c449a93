import { IResolvable, ref, Token } from "cdktf";
import { Rule } from "../rules";

type Value = string | boolean | number | string[] | { [key: string]: string } | null;

/** One input of a Terraform module, defined once for its declaration, its validation and its README row. */
export interface ModuleVariable {
  /** The variable's name, in terraform-aws-modules' families (`create_x`, `x_name`, `path`, `tags`, …). */
  readonly name: string;
  /** The Terraform type constraint. */
  readonly type: "string" | "bool" | "number" | "list(string)" | "map(string)";
  /** One sentence; related inputs in backticks. */
  readonly description: string;
  /** The default. `null` makes the variable optional-and-unset; other defaults make it non-nullable. */
  readonly default: Value;
  /** The rule the value (for a list, each element) must satisfy, checked by a `validation` block. */
  readonly rule?: Rule;
}

/** The `variable` block of a module's `variables.tf.json`. */
export function variableBlock(variable: ModuleVariable): Record<string, unknown> {
  const block: Record<string, unknown> = {
    description: variable.description,
    type: variable.type,
    default: variable.default,
  };
  if (variable.default !== null) block.nullable = false;
  if (variable.rule) {
    block.validation = [{ condition: `\${${validationCondition(variable)}}`, error_message: errorMessage(variable) }];
  }
  return block;
}

/** The Terraform condition of the variable's validation, from the same rule the constructs check. */
export function validationCondition(variable: ModuleVariable): string {
  const rule = variable.rule!;
  const self = `var.${variable.name}`;
  if (variable.type === "list(string)") return `alltrue([for item in ${self} : ${rule.condition("item")}])`;
  if (variable.default === null) return `${self} == null ? true : (${rule.condition(self)})`;
  return rule.condition(self);
}

/** Names the input and the rule; Terraform prints it under "Invalid value for variable". */
export function errorMessage(variable: ModuleVariable): string {
  const rule = variable.rule!;
  const message =
    variable.type === "list(string)"
      ? `Each element of ${variable.name} must be ${rule.requirement}.`
      : variable.default === null
        ? `${variable.name} must be null or ${rule.requirement}.`
        : `${variable.name} must be ${rule.requirement}.`;
  // Terraform reads the message as a template.
  return message.replace(/\$\{/g, "$$$${").replace(/%\{/g, "%%{");
}

/** References to a module's variables, as tokens the constructs take in place of literals. */
export class VariableRefs {
  private readonly byName: Map<string, ModuleVariable>;
  readonly used = new Set<string>();

  constructor(variables: readonly ModuleVariable[]) {
    this.byName = new Map(variables.map((v) => [v.name, v]));
  }

  string(name: string): string {
    return Token.asString(this.ref(name, ["string"]));
  }

  list(name: string): string[] {
    return Token.asList(this.ref(name, ["list(string)"]));
  }

  map(name: string): { [key: string]: string } {
    return Token.asStringMap(this.ref(name, ["map(string)"]));
  }

  bool(name: string): IResolvable {
    return this.ref(name, ["bool"]);
  }

  private ref(name: string, types: ModuleVariable["type"][]): IResolvable {
    const variable = this.byName.get(name);
    if (!variable) throw new Error(`The module declares no variable '${name}'`);
    if (!types.includes(variable.type)) throw new Error(`The module variable '${name}' is a ${variable.type}, not a ${types.join(" or ")}`);
    this.used.add(name);
    return ref(`var.${name}`);
  }
}
