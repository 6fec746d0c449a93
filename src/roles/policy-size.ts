import { INPUT_CODES } from "../inputs/codes";
import { condition, Precondition } from "../inputs/plan-checks";
import { Finding, formatFinding } from "../private/errors";
import { Flag, isToken } from "../private/expr";
import { escapeTemplate } from "../private/hcl";

const POLICY_SIZE_CODE = INPUT_CODES.policySize.code;

/**
 * IAM's quotas on policy sizes, in characters of the JSON without white space (as IAM counts them).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
const POLICY_SIZE_LIMITS = { inlineTotal: 10240, managed: 6144, trust: 2048 } as const;

const INLINE_SIZE = `a role's inline policies of at most ${POLICY_SIZE_LIMITS.inlineTotal} characters together (IAM's quota)`;

/**
 * IAM's quotas on the policies of one role: checked at synth for the documents known then, and
 * at plan, by preconditions, for those Terraform renders only then.
 */
export class PolicySizes {
  private readonly inline: { document: string; when: Flag }[] = [];

  /**
   * @param owner the construct, as messages name it
   * @param planTime whether any input of the role is known only at plan (so may be its documents)
   */
  constructor(
    private readonly owner: string,
    private readonly planTime: boolean,
  ) {}

  /**
   * Counts an inline policy, present when `when` holds. The first one returns the role's
   * precondition on their total, when the role's inputs are known only at plan.
   */
  addInline(document: string, when: Flag): Precondition | undefined {
    const first = this.inline.length === 0;
    this.inline.push({ document, when });
    return first ? this.inlinePrecondition() : undefined;
  }

  /** A customer managed policy's precondition, when its document is known only at plan. */
  managedPrecondition(name: string, document: string): Precondition | undefined {
    if (!isToken(document)) return undefined;
    const limit = POLICY_SIZE_LIMITS.managed;
    return {
      condition: condition((hcl) => `length(${hcl(document)}) <= ${limit}`),
      errorMessage: escapeTemplate(
        `[${POLICY_SIZE_CODE}] ${this.owner}: the customer managed policy '${name}' must be at most ${limit} characters (IAM's quota).`,
      ),
    };
  }

  /** A customer managed policy too long for IAM, when its document is known at synth. */
  managedFinding(name: string, document: string): Finding | undefined {
    if (isToken(document) || document.length <= POLICY_SIZE_LIMITS.managed) return undefined;
    return {
      code: POLICY_SIZE_CODE,
      path: `customer managed policy '${name}'`,
      value: `${document.length} characters`,
      requirement: `at most ${POLICY_SIZE_LIMITS.managed} characters (IAM's quota for a managed policy); split the lists over several roles`,
    };
  }

  /** At synth, the sizes known then: the trust policy's, or else the inline policies' together. */
  findings(trust: string | undefined): string[] {
    if (trust !== undefined && !isToken(trust) && trust.length > POLICY_SIZE_LIMITS.trust) {
      const finding = {
        code: POLICY_SIZE_CODE,
        path: "trust policy",
        value: `${trust.length} characters`,
        requirement: `at most ${POLICY_SIZE_LIMITS.trust} characters (IAM's quota)`,
      };
      return [formatFinding(this.owner, finding)];
    }
    const known = this.inline.filter((d) => d.when !== false);
    if (known.some((d) => isToken(d.document) || typeof d.when !== "boolean")) return [];
    const total = known.reduce((sum, d) => sum + d.document.length, 0);
    if (total <= POLICY_SIZE_LIMITS.inlineTotal) return [];
    const finding = {
      code: POLICY_SIZE_CODE,
      path: "inline policies",
      value: `${total} characters`,
      requirement: `${INLINE_SIZE}; give policyStyle "managed", or split the lists over several roles`,
    };
    return [formatFinding(this.owner, finding)];
  }

  /** At plan, the same total over the documents Terraform renders, when the role's inputs are known only then. */
  private inlinePrecondition(): Precondition | undefined {
    if (!this.planTime) return undefined;
    return {
      condition: condition((hcl) => {
        const sizes = this.inline.map((d) =>
          d.when === true ? `length(${hcl(d.document)})` : `${hcl(d.when)} ? length(${hcl(d.document)}) : 0`,
        );
        return `sum([${sizes.join(", ")}]) <= ${POLICY_SIZE_LIMITS.inlineTotal}`;
      }),
      errorMessage: escapeTemplate(`[${POLICY_SIZE_CODE}] ${this.owner}: the inline policies must be ${INLINE_SIZE}.`),
    };
  }
}
