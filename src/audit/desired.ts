import { TerraformStack } from "cdktf";
import type { PolicyDocument } from "../policies/policy-document";
import { BATCH_SERVICE_LINKED_ROLE_NAME, BATCH_SERVICE_NAME } from "../roles/batch-service-linked-role";

/** A policy document as the stack writes it: JSON in which the partition may still be a Terraform reference. */
export type DocumentTemplate = string;

/** What a stack would manage for one role, as IAM names things: what the audit holds the account against. */
export interface DesiredRole {
  /** The stack, as messages and the JSON report name it. */
  readonly stack: string;
  /** The role's Terraform address in the stack. */
  readonly address: string;
  /** The role's name; undefined when Terraform completes it from a prefix (it cannot be looked up before apply). */
  readonly name?: string;
  readonly namePrefix?: string;
  readonly path: string;
  readonly permissionsBoundary?: string;
  readonly description?: string;
  /** The role's maximum session duration, in seconds (the provider's default, 3600, when the stack sets none). */
  readonly maxSessionDuration: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly trust: DocumentTemplate;
  /** ARNs of the AWS managed policies attached, the partition still a reference. */
  readonly awsManagedPolicies: readonly string[];
  /** Inline policies by name. */
  readonly inlinePolicies: Readonly<Record<string, DocumentTemplate>>;
  /** Customer managed policies attached to the role, by name. */
  readonly customerManagedPolicies: Readonly<
    Record<string, { readonly path: string; readonly document: DocumentTemplate; readonly tags: Readonly<Record<string, string>> }>
  >;
  /** The instance profile that holds the role, if the stack creates one. */
  readonly instanceProfile?: { readonly name: string; readonly path: string; readonly tags: Readonly<Record<string, string>> };
  /**
   * The service a service-linked role is linked to (`batch.amazonaws.com`): its trust and
   * permissions are the service's, which IAM lets no one change; only its description and tags
   * are the stack's. Undefined for a role the stack makes.
   */
  readonly serviceLinked?: string;
  /** Whether the role owns its inline policies and attachments exclusively: any other is removed by the next apply. */
  readonly exclusive: boolean;
  /** The Terraform addresses of what the stack declares for the role, for the import set. */
  readonly addresses: {
    /** By the AWS managed policy's ARN template: the attachment. */
    readonly awsManaged: Readonly<Record<string, string>>;
    /** By inline policy name. */
    readonly inline: Readonly<Record<string, string>>;
    /** By customer managed policy name: the policy and its attachment. */
    readonly customerManaged: Readonly<Record<string, { readonly policy: string; readonly attachment: string }>>;
    readonly instanceProfile?: string;
    /** The resources through which the role owns its inline policies and its attachments, when it does. */
    readonly exclusive: readonly string[];
  };
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Every role a stack creates, with everything the stack attaches to it, read from the stack's own
 * Terraform JSON: the audit compares the account with exactly what a deploy would make. Roles the
 * stack only uses (an existing role) or switches off are not its to audit.
 */
export function desiredRoles(stack: TerraformStack): DesiredRole[] {
  const tf = JSON.parse(JSON.stringify(stack.toTerraform())) as { resource?: Resources };
  const resources = tf.resource ?? {};
  const of = (type: string) => Object.entries(resources[type] ?? {});
  const roles = new Map(of("aws_iam_role").map(([id, role]) => [id, role]));
  /** The role id a `${aws_iam_role.<id>.name}` reference names. */
  const roleOf = (value: unknown) => /^\$\{aws_iam_role\.([\w-]+)\.name\}$/.exec(String(value))?.[1];
  /** A name in which the role's name is a reference (`${aws_iam_role.x.name}-EcsSecrets`), made literal. */
  const literal = (value: unknown) =>
    String(value).replace(/\$\{aws_iam_role\.([\w-]+)\.name\}/g, (_, id: string) =>
      String(roles.get(id)?.name ?? `${roles.get(id)?.name_prefix}*`),
    );
  const policies = new Map(of("aws_iam_policy").map(([id, policy]) => [id, policy]));

  const made = [...roles].map(([id, role]) => {
    const mine = (resource: Record<string, unknown>) => roleOf(resource.role) === id;
    const attachments = of("aws_iam_role_policy_attachment").filter(([, a]) => mine(a));
    const awsManaged = attachments.filter(([, a]) => !String(a.policy_arn).startsWith("${aws_iam_policy."));
    const customerManaged = attachments
      .map(([attachmentId, a]) => ({ attachmentId, policyId: /^\$\{aws_iam_policy\.([\w-]+)\.arn\}$/.exec(String(a.policy_arn))?.[1] }))
      .filter((c): c is { attachmentId: string; policyId: string } => c.policyId !== undefined)
      .map((c) => ({ ...c, policy: policies.get(c.policyId)! }));
    const profile = of("aws_iam_instance_profile").find(([, p]) => mine(p));
    const inline = of("aws_iam_role_policy").filter(([, p]) => mine(p));
    const owns = (resource: Record<string, unknown>) => roleOf(resource.role_name) === id;
    const exclusive = ["aws_iam_role_policies_exclusive", "aws_iam_role_policy_attachments_exclusive"].flatMap((type) =>
      of(type)
        .filter(([, r]) => owns(r))
        .map(([exclusiveId]) => `${type}.${exclusiveId}`),
    );
    return {
      stack: stack.node.id,
      address: `aws_iam_role.${id}`,
      name: role.name as string | undefined,
      namePrefix: role.name_prefix as string | undefined,
      path: (role.path as string | undefined) ?? "/",
      permissionsBoundary: role.permissions_boundary as string | undefined,
      description: role.description as string | undefined,
      maxSessionDuration: (role.max_session_duration as number | undefined) ?? DEFAULT_MAX_SESSION_DURATION,
      tags: tagsOf(role),
      trust: String(role.assume_role_policy),
      awsManagedPolicies: awsManaged.map(([, a]) => String(a.policy_arn)),
      inlinePolicies: Object.fromEntries(inline.map(([, p]) => [String(p.name), String(p.policy)])),
      customerManagedPolicies: Object.fromEntries(
        customerManaged.map(({ policy: p }) => [
          literal(p.name),
          { path: (p.path as string | undefined) ?? "/", document: String(p.policy), tags: tagsOf(p) },
        ]),
      ),
      instanceProfile: profile
        ? { name: literal(profile[1].name), path: (profile[1].path as string | undefined) ?? "/", tags: tagsOf(profile[1]) }
        : undefined,
      exclusive: exclusive.length > 0,
      addresses: {
        awsManaged: Object.fromEntries(
          awsManaged.map(([attachmentId, a]) => [String(a.policy_arn), `aws_iam_role_policy_attachment.${attachmentId}`]),
        ),
        inline: Object.fromEntries(inline.map(([policyId, p]) => [String(p.name), `aws_iam_role_policy.${policyId}`])),
        customerManaged: Object.fromEntries(
          customerManaged.map(({ policy: p, policyId, attachmentId }) => [
            literal(p.name),
            { policy: `aws_iam_policy.${policyId}`, attachment: `aws_iam_role_policy_attachment.${attachmentId}` },
          ]),
        ),
        instanceProfile: profile ? `aws_iam_instance_profile.${profile[0]}` : undefined,
        exclusive,
      },
    };
  });
  return [...serviceLinkedRoles(stack, of("aws_iam_service_linked_role")), ...made];
}

/** The service-linked roles the stack creates: where IAM keeps them, and what of them is the stack's. */
function serviceLinkedRoles(stack: TerraformStack, resources: [string, Record<string, unknown>][]): DesiredRole[] {
  return resources.map(([id, role]) => {
    const service = String(role.aws_service_name);
    return {
      stack: stack.node.id,
      address: `aws_iam_service_linked_role.${id}`,
      name: SERVICE_LINKED_ROLE_NAMES[service] ?? service,
      path: `/aws-service-role/${service}/`,
      description: role.description as string | undefined,
      maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
      tags: tagsOf(role),
      trust: "",
      awsManagedPolicies: [],
      inlinePolicies: {},
      customerManagedPolicies: {},
      serviceLinked: service,
      exclusive: false,
      addresses: { awsManaged: {}, inline: {}, customerManaged: {}, exclusive: [] },
    };
  });
}

/** The names IAM gives service-linked roles, by service. */
const SERVICE_LINKED_ROLE_NAMES: Record<string, string> = { [BATCH_SERVICE_NAME]: BATCH_SERVICE_LINKED_ROLE_NAME };

/** The AWS provider's `max_session_duration` when a role sets none, as IAM's own default. */
const DEFAULT_MAX_SESSION_DURATION = 3600;

/** A resource's tags as the stack writes them (none is an empty map). */
const tagsOf = (resource: Record<string, unknown>) => (resource.tags ?? {}) as Record<string, string>;

/** The partitions IAM serves, with the DNS suffix of their service principals. */
const DNS_SUFFIXES: Record<string, string> = {
  aws: "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-us-gov": "amazonaws.com",
  "aws-iso": "c2s.ic.gov",
  "aws-iso-b": "sc2s.sgov.gov",
  "aws-iso-e": "cloud.adc-e.uk",
  "aws-iso-f": "csp.hci.ic.gov",
  "aws-eusc": "amazonaws.eu",
};

/** A template of the stack made concrete for a partition: what Terraform's `data.aws_partition` would give there. */
export function inPartition(template: string, partition: string): string {
  return template
    .replace(/\$\{data\.aws_partition\.[\w-]+\.partition\}/g, partition)
    .replace(/\$\{data\.aws_partition\.[\w-]+\.dns_suffix\}/g, DNS_SUFFIXES[partition] ?? "amazonaws.com");
}

/** A document template parsed in a partition. */
export function documentIn(template: DocumentTemplate, partition: string): PolicyDocument {
  return JSON.parse(inPartition(template, partition)) as PolicyDocument;
}
