import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { INPUT_CODES } from "../inputs/codes";
import { condition, inputName, Precondition, terraformMessage } from "../inputs/plan-checks";
import { Finding } from "../private/errors";
import { Flag, isToken } from "../private/expr";

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

const registries = new WeakMap<TerraformStack, NamedEntity[]>();

/**
 * The IAM names a stack gives its roles and instance profiles. IAM wants each unique in the
 * account whatever its case (`Web` and `web` clash), so a stack or module must not name two
 * alike: literals are compared at synth, names known only at plan by a precondition.
 */
export class IamNames {
  static register(scope: IConstruct, entity: NamedEntity): IamNames {
    const stack = TerraformStack.of(scope);
    let entities = registries.get(stack);
    if (entities === undefined) registries.set(stack, (entities = []));
    entities.push(entity);
    return new IamNames(entities, entity);
  }

  private constructor(
    private readonly entities: readonly NamedEntity[],
    private readonly entity: NamedEntity,
  ) {}

  /** The entities of the same kind registered before this one whose literal name is the same, ignoring case. */
  findings(): Finding[] {
    const { kind, name, created, path } = this.entity;
    if (isToken(name) || created === false) return [];
    const clash = this.entities
      .slice(0, this.entities.indexOf(this.entity))
      .find(
        (other) =>
          other.kind === kind && other.created !== false && !isToken(other.name) && other.name.toLowerCase() === name.toLowerCase(),
      );
    if (clash === undefined) return [];
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
    const earlier = this.entities.slice(0, this.entities.indexOf(this.entity)).filter((e) => e.kind === kind && e.created !== false);
    if (earlier.length === 0 || ![this.entity, ...earlier].some((e) => isToken(e.name))) return undefined;
    return {
      condition: condition((hcl) => {
        const names = earlier.map((e) => {
          const lowered = `try(lower(${hcl(e.name)}), "")`;
          return e.created === true ? lowered : `${hcl(e.created)} ? ${lowered} : ""`;
        });
        const own = hcl(this.entity.name);
        return `${own} == null ? true : !contains([${names.join(", ")}], lower(${own}))`;
      }),
      errorMessage: terraformMessage(
        `[${UNIQUE_NAME_CODE}] ${inputName(owner, path, this.entity.name)} must be a ${kind} name no other ${kind} of the stack (or module) has, whatever its case.`,
      ),
    };
  }
}
