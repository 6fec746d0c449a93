import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { INPUT_CODES } from "../inputs/codes";
import { condition, inputName, Precondition } from "../inputs/plan-checks";
import { Finding, formatFinding } from "../private/errors";
import { Flag, isToken } from "../private/expr";
import { escapeTemplate } from "../private/hcl";

const UNIQUE_NAME_CODE = INPUT_CODES.uniqueName.code;

/** A name a construct gives an IAM entity of the account. */
export interface NamedEntity {
  readonly kind: "role" | "instance profile";
  /** The construct, as messages name it. */
  readonly owner: string;
  /** The input that gave the name, for messages. */
  readonly path: string;
  /** A literal, or a token known only at plan (null there when a prefix names the entity instead). */
  readonly name: string;
  /** Whether the entity is created at all. */
  readonly created: Flag;
}

/** The names registered in one stack, in order, with what the checks look up without a scan. */
interface Registry {
  readonly entities: NamedEntity[];
  /** The first created entity of each kind and literal name, ignoring case. */
  readonly firstByName: Map<string, NamedEntity>;
  /** The position of the first created entity of each kind whose name is known only at plan. */
  readonly firstToken: Map<NamedEntity["kind"], number>;
}

const registries = new WeakMap<TerraformStack, Registry>();
const nameKey = (kind: string, name: string) => `${kind}\u0000${name.toLowerCase()}`;

/**
 * The IAM names a stack gives its roles and instance profiles. IAM wants each unique in the
 * account whatever its case (`Web` and `web` clash), so a stack or module must not name two
 * alike: literals are compared at synth, names known only at plan by a precondition.
 */
export class IamNames {
  static register(scope: IConstruct, entity: NamedEntity): IamNames {
    const stack = TerraformStack.of(scope);
    let registry = registries.get(stack);
    if (registry === undefined) registries.set(stack, (registry = { entities: [], firstByName: new Map(), firstToken: new Map() }));
    const position = registry.entities.push(entity) - 1;
    if (entity.created !== false) {
      if (!isToken(entity.name)) {
        const key = nameKey(entity.kind, entity.name);
        if (!registry.firstByName.has(key)) registry.firstByName.set(key, entity);
      } else if (!registry.firstToken.has(entity.kind)) registry.firstToken.set(entity.kind, position);
    }
    return new IamNames(registry, entity, position);
  }

  private constructor(
    private readonly registry: Registry,
    private readonly entity: NamedEntity,
    private readonly position: number,
  ) {}

  /** The entities of the same kind registered before this one whose literal name is the same, ignoring case. */
  findings(): Finding[] {
    const { kind, name, created, path } = this.entity;
    if (isToken(name) || created === false) return [];
    const clash = this.registry.firstByName.get(nameKey(kind, name));
    if (clash === undefined || clash === this.entity) return [];
    return [
      {
        code: UNIQUE_NAME_CODE,
        path,
        value: name,
        requirement: `a ${kind} name no other ${kind} of the stack has, whatever its case: ${clash.owner} is named ${JSON.stringify(clash.name)}`,
      },
    ];
  }

  /**
   * When this name or one given before it is known only at plan: the precondition that it differs
   * from those, whatever the case (each pair is checked once, by the later of the two).
   */
  precondition(): Precondition | undefined {
    const { kind, owner, path } = this.entity;
    const firstToken = this.registry.firstToken.get(kind);
    if (!isToken(this.entity.name) && (firstToken === undefined || firstToken > this.position)) return undefined;
    const earlier = this.registry.entities.slice(0, this.position).filter((e) => e.kind === kind && e.created !== false);
    if (earlier.length === 0) return undefined;
    return {
      condition: condition((hcl) => {
        const names = earlier.map((e) => {
          const lowered = `try(lower(${hcl(e.name)}), "")`;
          return e.created === true ? lowered : `${hcl(e.created)} ? ${lowered} : ""`;
        });
        const own = hcl(this.entity.name);
        return `${own} == null ? true : !contains([${names.join(", ")}], lower(${own}))`;
      }),
      errorMessage: escapeTemplate(
        `[${UNIQUE_NAME_CODE}] ${inputName(owner, path, this.entity.name)} must be a ${kind} name no other ${kind} of the stack (or module) has, whatever its case.`,
      ),
    };
  }
}

/**
 * The roles and instance profiles that two stacks of one app name alike, whatever the case, one
 * line each (naming the later of the two): the stacks deploy into one account, where IAM holds each
 * name once, so the second deploy would fail with EntityAlreadyExists. Names known only at plan
 * are not compared across stacks.
 */
export function namesAlikeAcrossStacks(stacks: readonly TerraformStack[]): string[] {
  const first = new Map<string, { stack: TerraformStack; entity: NamedEntity }>();
  const lines: string[] = [];
  for (const stack of stacks) {
    for (const [key, entity] of registries.get(stack)?.firstByName ?? []) {
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, { stack, entity });
      else if (earlier.stack !== stack) {
        const requirement =
          `a ${entity.kind} name no other stack of the app gives, whatever its case (they deploy into one account): ` +
          `${earlier.entity.owner} of the stack '${earlier.stack.node.id}' is named ${JSON.stringify(earlier.entity.name)}`;
        lines.push(formatFinding(entity.owner, { code: UNIQUE_NAME_CODE, path: entity.path, value: entity.name, requirement }));
      }
    }
  }
  return lines;
}
