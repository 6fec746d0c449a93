import { Flag, isSet } from "../private/expr";
import { PolicyDocument, Statement } from "./policy-document";

/** Confused-deputy protection: who may make the service assume the role on whose behalf. */
export interface ConfusedDeputyGuard {
  /** The only account the service may act for (`aws:SourceAccount`); may be a token that is null at plan. */
  readonly sourceAccount?: string;
  /** An ARN pattern the requesting resource must match (`aws:SourceArn`), built from the account. */
  readonly sourceArnPattern?: (account: string) => string;
}

/** The trust policy a role may get: plain, or guarded when `guarded` is given and `when` holds. */
export interface TrustPolicy {
  readonly plain: PolicyDocument;
  readonly guarded?: PolicyDocument;
  readonly when: Flag;
}

/**
 * A trust policy that lets one service principal assume the role. With a source account, the
 * conditions go on that same statement: a second, conditioned statement would widen trust (IAM
 * ORs statements) instead of narrowing it. Without one, the document is exactly the seed's.
 *
 * @param sid the seed's `Sid` for this role (the ECS documents print `"Sid": ""`), if any
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export function trustPolicy(principal: string, guard: ConfusedDeputyGuard = {}, sid?: string): TrustPolicy {
  const statement: Statement = {
    ...(sid === undefined ? {} : { Sid: sid }),
    Effect: "Allow",
    Principal: { Service: principal },
    Action: "sts:AssumeRole",
  };
  const plain = document(statement);
  const account = guard.sourceAccount;
  if (account === undefined) return { plain, when: false };
  const guarded = document({
    ...statement,
    Condition: {
      StringEquals: { "aws:SourceAccount": account },
      ...(guard.sourceArnPattern ? { ArnLike: { "aws:SourceArn": guard.sourceArnPattern(account) } } : {}),
    },
  });
  return { plain, guarded, when: isSet(account) };
}

function document(statement: Statement): PolicyDocument {
  return { Version: "2012-10-17", Statement: [statement] };
}
