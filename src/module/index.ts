import { BATCH_MODULE } from "./batch-module";
import { ECS_FARGATE_MODULE } from "./ecs-fargate-module";

export { BATCH_MODULE } from "./batch-module";
export { ECS_FARGATE_MODULE } from "./ecs-fargate-module";
export { synthModule } from "./terraform-module";

/** Every module this project publishes. */
export const MODULES = [BATCH_MODULE, ECS_FARGATE_MODULE] as const;
