import { PolicyCheck, sid } from "./policy-check";

/** IAM4: A trust statement allows sts:AssumeRole to the role's one service principal, nothing else. */
export const trustOnlyTheExpectedService: PolicyCheck = {
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
        ...(service === model.principal
          ? []
          : [`${where}: principal is ${JSON.stringify(statement.Principal)}, not the ${model.service} service`]),
      ];
    }),
};
