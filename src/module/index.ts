import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import { BATCH_MODULE } from "./batch-module";
import { ECS_FARGATE_MODULE } from "./ecs-fargate-module";
import { synthModule } from "./terraform-module";

export { BATCH_MODULE } from "./batch-module";
export { ECS_FARGATE_MODULE } from "./ecs-fargate-module";
export { synthModule } from "./terraform-module";

/** Every module this project publishes. */
export const MODULES = [BATCH_MODULE, ECS_FARGATE_MODULE] as const;

/**
 * Writes every module into `<root>/<name>/`, replacing the generated files and leaving the rest
 * (`tests/`) alone.
 */
export function writeModules(root: string): void {
  for (const definition of MODULES) {
    const dir = join(root, definition.name);
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(synthModule<any>(definition))) writeFileSync(join(dir, file), content);
  }
}
