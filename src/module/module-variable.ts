import { Fn, IResolvable, ref, Token } from "cdktf";
import { AnyInputs, GroupInput, inputAt, leaves, ValueInput, ValueKind } from "../inputs/input";
import { markVariable } from "../private/validated";
import { Rule } from "../rules";
import { escapeTemplate, hclEvery } from "../private/hcl";

type Value = string | boolean | number | string[] | { [key: string]: string } | object[] | null;

/** A Terraform type constraint: a primitive kind's, or a list of objects (`list(object({…}))`). */
export type VariableType = "string" | "bool" | "number" | "list(string)" | "map(string)" | `list(object(${string}))`;

const TYPE_OF_KIND: Record<ValueKind, VariableType> = {
  boolean: "bool",
  number: "number",
  string: "string",
  "string-list": "list(string)",
  "string-map": "map(string)",
};

/**
 * One input of a Terraform module: the setup input it feeds, whose kind gives the variable's
 * type and whose rule its `validation`, so that a variable cannot disagree with the prop it sets.
 */
export interface FeedingVariable {
  /** The variable's name, in terraform-aws-modules' families (`create_x`, `x_name`, `path`, `tags`, …). */
  readonly name: string;
  /** The setup input the value becomes: a dotted path of the setup's props (`executionRole.secrets.secretArns`). */
  readonly feeds: string;
  /** For a role's `roleName`: whether `use_name_prefix` makes the value the role's `roleNamePrefix` instead. */
  readonly prefixable?: boolean;
  /** One sentence; related inputs in backticks. */
  readonly description: string;
  /** The default. `null` makes the variable optional-and-unset; other defaults make it non-nullable. */
  readonly default: Value;
}

/** The variable that turns every prefixable name into a prefix (`use_name_prefix`). */
export interface PrefixSwitch {
  readonly name: string;
  readonly switches: "name-prefix";
  readonly description: string;
  readonly default: boolean;
}

export type ModuleVariable = FeedingVariable | PrefixSwitch;

/**
 * A variable with what it takes from the input it feeds: its type and rule; for a list of objects,
 * the rule of each attribute (`fields`, by its path: `actions`, `conditions.test`).
 */
export type DeclaredVariable = ModuleVariable & {
  readonly type: VariableType;
  readonly rule?: Rule;
  readonly fields?: readonly { readonly path: string; readonly input: ValueInput }[];
};

/** The variables with their types and rules, from the setup's descriptors; a variable that feeds no input is refused. */
export function declareVariables(variables: readonly ModuleVariable[], inputs: AnyInputs): DeclaredVariable[] {
  return variables.map((variable) => {
    if ("switches" in variable) return { ...variable, type: "bool" };
    const input = inputAt(inputs, variable.feeds);
    if (input === undefined || (input.kind === "group" && !input.list))
      throw new Error(`Module variable '${variable.name}' feeds '${variable.feeds}', which is no input of the setup`);
    if (input.kind === "group") {
      const fields = leaves(input.inputs as AnyInputs).filter(({ input }) => input.rule !== undefined);
      return { ...variable, type: `list(${objectType(input)})` as VariableType, fields };
    }
    return { ...variable, type: TYPE_OF_KIND[input.kind], rule: input.rule };
  });
}

/** The Terraform object type of a group's elements: each input an attribute, optional unless required. */
function objectType(group: GroupInput): string {
  const attributes = Object.entries(group.inputs as AnyInputs).map(([key, input]) => {
    const type = input.kind === "group" ? `list(${objectType(input)})` : TYPE_OF_KIND[input.kind];
    if (input.kind === "group") return `${key} = optional(${type}, [])`;
    return `${key} = ${input.required ? type : `optional(${type})`}`;
  });
  return `object({ ${attributes.join(", ")} })`;
}

/** The `variable` block of a module's `variables.tf.json`. */
export function variableBlock(variable: DeclaredVariable): Record<string, unknown> {
  const block: Record<string, unknown> = {
    description: variable.description,
    type: variable.type,
    default: variable.default,
  };
  if (variable.default !== null) block.nullable = false;
  if (variable.rule) {
    block.validation = [{ condition: `\${${validationCondition(variable)}}`, error_message: errorMessage(variable) }];
  }
  if (variable.fields) {
    block.validation = variable.fields.map((field) => ({
      condition: `\${${fieldCondition(`var.${variable.name}`, field.path.split("."), field.input)}}`,
      error_message: fieldErrorMessage(variable.name, field.path, field.input),
    }));
  }
  return block;
}

/**
 * The condition that an attribute of every element of a list of objects (`actions` of every
 * statement; `conditions.test` of every condition of every statement) satisfies its rule, a list
 * attribute element by element; an optional attribute may be null.
 */
function fieldCondition(collection: string, path: readonly string[], input: ValueInput, depth = 0): string {
  const item = `e${depth}`;
  const [head, ...rest] = path;
  const value = `${item}.${head}`;
  if (rest.length > 0) {
    const inner = fieldCondition(`(${value} == null ? [] : ${value})`, rest, input, depth + 1);
    return hclEvery(collection, item, inner);
  }
  const rule = input.rule!;
  const check = input.kind === "string-list" ? hclEvery(value, "item", rule.condition("item")) : rule.condition(value);
  return hclEvery(collection, item, input.required ? check : `${value} == null ? true : (${check})`);
}

/** `[IN42] Each actions[*] of every element of task_role_statements must be …` */
function fieldErrorMessage(name: string, path: string, input: ValueInput): string {
  const shown = path.split(".").join("[*].") + (input.kind === "string-list" ? "[*]" : "");
  return escapeTemplate(`[${input.rule!.code}] ${name}[*].${shown} must be ${input.rule!.requirement}.`);
}

/** The Terraform condition of the variable's validation, from the same rule the constructs check. */
export function validationCondition(variable: DeclaredVariable): string {
  const rule = variable.rule!;
  const self = `var.${variable.name}`;
  if (variable.type === "list(string)") return hclEvery(self, "item", rule.condition("item"));
  if (variable.default === null) return `${self} == null ? true : (${rule.condition(self)})`;
  return rule.condition(self);
}

/** Names the input, the rule and its code; Terraform prints it under "Invalid value for variable". */
export function errorMessage(variable: DeclaredVariable): string {
  const rule = variable.rule!;
  const message =
    variable.type === "list(string)"
      ? `Each element of ${variable.name} must be ${rule.requirement}.`
      : variable.default === null
        ? `${variable.name} must be null or ${rule.requirement}.`
        : `${variable.name} must be ${rule.requirement}.`;
  return escapeTemplate(`[${rule.code}] ${message}`);
}

/**
 * The setup's props with every variable in place of a literal: each variable's reference at the
 * input it feeds, marked as checked by Terraform already (its `validation`), and each prefixable
 * name given as the role's name or, under the prefix switch, as its prefix.
 */
export function propsOf(variables: readonly DeclaredVariable[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  const prefixSwitch = variables.find((v): v is DeclaredVariable & PrefixSwitch => "switches" in v);
  const usePrefix = prefixSwitch ? ref(`var.${prefixSwitch.name}`) : undefined;
  for (const variable of variables) {
    if ("switches" in variable) continue;
    const value = reference(variable);
    markVariable(value, variable.name, true);
    if (variable.prefixable && usePrefix !== undefined) {
      const none = Token.nullValue();
      const name = Token.asString(Fn.conditional(usePrefix, none, value));
      // null or the variable, which its validation checks as a name; as a prefix it must be shorter, which a precondition checks.
      markVariable(name, variable.name, true);
      const prefix = Token.asString(Fn.conditional(usePrefix, value, none));
      markVariable(prefix, variable.name, false);
      setAt(props, variable.feeds, name);
      setAt(props, variable.feeds.replace(/roleName$/, "roleNamePrefix"), prefix);
    } else {
      setAt(props, variable.feeds, value);
    }
  }
  return props;
}

function reference(variable: DeclaredVariable): unknown {
  const expression: IResolvable = ref(`var.${variable.name}`);
  switch (variable.type) {
    case "string":
      return Token.asString(expression);
    case "number":
      return Token.asNumber(expression);
    case "list(string)":
      return Token.asList(expression);
    case "map(string)":
      return Token.asStringMap(expression);
    case "bool":
      return expression;
    default:
      // A list of objects: the props take it whole, as a token the construct renders with Terraform's own `for`.
      return Token.asAny(expression);
  }
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = target;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]] = value;
}
