import { App, Aspects } from "cdktf";
import { ReadableStack } from "../stacks/readable-stack";
import { addOutputs } from "../setups/output-spec";
import { MODULE_REQUIREMENTS, ModuleDefinition } from "./module-definition";
import { AnyInputs } from "../inputs/input";
import { declareVariables, propsOf, variableBlock } from "./module-variable";
import { moduleReadme } from "./readme";
import { permissionsReport } from "../report/permissions-report";

/**
 * Synthesizes a module into its files (name → content): `main.tf.json`, `variables.tf.json`,
 * `outputs.tf.json`, `versions.tf.json`, `migrations.tf.json` (the `moved` blocks of renamed
 * addresses), `README.md` and `PERMISSIONS.md`. `version` is the release the README tells users to pin. No provider, no backend, no cdktf
 * metadata; the same input gives the same bytes.
 */
export function synthModule<S, P>(definition: ModuleDefinition<S, P>, version: string): Record<string, string> {
  // A private app that is never synthesized as a whole: a module is not a deployable stack, so it
  // gets no provider or backend, and its JSON is taken straight from the stack.
  const stack = new ReadableStack(new App({ skipValidation: true }), definition.name);
  const variables = declareVariables(definition.variables, definition.inputs as AnyInputs);
  const setup = definition.setup(stack, propsOf(variables) as P);
  addOutputs(stack, definition.outputs, setup);

  // The input and policy checks of every construct, as the app runs them for the stacks (the
  // stack's own validation would ask for a provider, which a module must not have).
  const errors = stack.node
    .findAll()
    .filter((c) => c !== stack)
    .flatMap((c) => c.node.validate());
  if (errors.length > 0) throw new Error(`Module '${definition.name}' failed its checks:\n${errors.join("\n")}`);
  // The stack's aspects (its moved blocks), which cdktf invokes when it synthesizes a stack.
  for (const aspect of Aspects.of(stack).all) for (const construct of stack.node.findAll()) aspect.visit(construct);
  const tf = withoutMetadata(stack.toTerraform()) as StackJson;
  const main = { data: tf.data, locals: tf.locals, resource: tf.resource };
  const files: Record<string, unknown> = {
    "main.tf.json": main,
    "variables.tf.json": { variable: Object.fromEntries(variables.map((v) => [v.name, variableBlock(v)])) },
    "outputs.tf.json": { output: tf.output },
    // Renamed addresses, as terraform-aws-modules keep them: upgrading moves state, replaces nothing.
    ...(tf.moved ? { "migrations.tf.json": { moved: tf.moved.map(({ from, to }) => ({ from, to })) } } : {}),
    "versions.tf.json": {
      terraform: {
        required_version: MODULE_REQUIREMENTS.terraform,
        required_providers: { aws: MODULE_REQUIREMENTS.aws },
      },
    },
  };
  const rendered = Object.fromEntries(Object.entries(files).map(([name, json]) => [name, `${JSON.stringify(json, null, 2)}\n`]));
  return {
    ...rendered,
    "README.md": moduleReadme(definition, variables, main, version),
    "PERMISSIONS.md": permissionsReport(`modules/${definition.name}`, stack),
  };
}

/** The parts of a synthesized stack a module is made of. */
interface StackJson {
  readonly data?: Record<string, unknown>;
  readonly locals?: Record<string, unknown>;
  readonly resource?: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "//")
      .map(([key, child]) => [key, withoutMetadata(child)]),
  );
}
