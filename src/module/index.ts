import { BATCH_MODULE } from "./batch-module";
import { ECS_FARGATE_MODULE } from "./ecs-fargate-module";
import { AnyInputs } from "../inputs/input";
import { ModuleDefinition } from "./module-definition";
import { DeclaredVariable, declareVariables } from "./module-variable";
import { synthModule } from "./terraform-module";

export { BATCH_MODULE } from "./batch-module";
export { ECS_FARGATE_MODULE } from "./ecs-fargate-module";
export { synthModule } from "./terraform-module";

/** Every module this project publishes. */
export const MODULES = [BATCH_MODULE, ECS_FARGATE_MODULE] as const;

/** The files of every module (`<name>/<file>` → content) for release `version`, each synthesized with its own setup type. */
export function synthModules(version: string): Record<string, string> {
  const files: Record<string, Record<string, string>> = {
    [BATCH_MODULE.name]: synthModule(BATCH_MODULE, version),
    [ECS_FARGATE_MODULE.name]: synthModule(ECS_FARGATE_MODULE, version),
  };
  return Object.fromEntries(
    Object.entries(files).flatMap(([name, byFile]) => Object.entries(byFile).map(([file, content]) => [`${name}/${file}`, content])),
  );
}

/** A module's variables with the types and rules of the inputs they feed. */
export function declaredVariables(
  definition: Pick<ModuleDefinition<unknown, unknown>, "variables"> & { readonly inputs: object },
): DeclaredVariable[] {
  return declareVariables(definition.variables, definition.inputs as AnyInputs);
}
