/**
 * The codes of the input checks that are not one input's own rule (those carry their rule's code,
 * IN1 to IN16): each message starts with its code, and `docs/input-rules.md` lists them all.
 */
export const INPUT_CODES = {
  kind: { code: "IN20", info: "A value of the wrong kind: a string where a list belongs, a list where an object does.", when: "synth" },
  unknownKey: { code: "IN21", info: "A key that no input has: a typo must not fall back silently to a default.", when: "synth" },
  conflict: {
    code: "IN22",
    info: "Two settings that contradict each other: a name beside a prefix, anything shaping a new role beside an existing one, adopting a role that is not created or is named by a prefix.",
    when: "synth (literals), plan",
  },
  duplicateKey: {
    code: "IN23",
    info: "A key given twice in one object of the configuration file: JSON would keep only the last value.",
    when: "synth",
  },
  syntax: {
    code: "IN24",
    info: "A configuration file that is not JSON text: not UTF-8 (UTF-16 and UTF-32 are named), a syntax error (with its line and column and what was expected), nesting deeper than 64 levels, over 4 MiB, or unreadable.",
    when: "synth",
  },
  partition: {
    code: "IN30",
    info: "An ARN that names another partition than the one the stack is planned in (`data.aws_partition`).",
    when: "plan",
  },
  uniqueName: {
    code: "IN31",
    info: "Two roles, or two instance profiles, of one stack or module named alike, whatever the case: IAM names are unique per account.",
    when: "synth (literals), plan",
  },
  policySize: {
    code: "IN32",
    info: "A policy over IAM's quota: inline policies 10,240 characters per role together, a managed policy 6,144, a trust policy 2,048.",
    when: "synth (literals), plan",
  },
  existingRoleAccount: {
    code: "IN33",
    info: "An existing instance role of another account: an instance profile holds a role of its own account, by name.",
    when: "plan",
  },
  importSet: {
    code: "IN34",
    info: "An import set (written by the audit) that does not fit the stacks: unreadable, not by stack and address, or naming a resource a stack does not declare.",
    when: "synth",
  },
  missing: {
    code: "IN35",
    info: "A setting that must be given is missing: the bucket and Region of an S3 backend, the id of an account.",
    when: "synth",
  },
  accountTwice: {
    code: "IN36",
    info: "The same account listed twice in `accounts`: its stacks would have the same names and state.",
    when: "synth",
  },
  accountRole: {
    code: "IN37",
    info: "An account's role ARN of another account or partition than the account's own: the provider must assume a role in the account it deploys to.",
    when: "synth",
  },
} as const;
