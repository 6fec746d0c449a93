import { checkInputs, SHAPE_CODES } from "../inputs/check";
import { AnyInputs } from "../inputs/input";
import { Finding } from "../private/errors";
import { isToken } from "../private/expr";
import { RoleProps } from "./role-props";
import type { RoleSpec } from "./role-spec";

/** What checking a role's props at synth found. */
export interface RolePropsChecked<P> {
  /** The props with every value that breaks its rule left out (and reported). */
  readonly props: P;
  readonly findings: Finding[];
  /** Whether any value is known only at plan, and checked there. */
  readonly hasPlanTimeInputs: boolean;
}

/**
 * Checks a role's props at synth, reporting every problem: each value against its descriptor
 * (values known only at plan are left for plan time), then the settings that contradict each other.
 */
export function checkRoleProps<P extends RoleProps>(props: P, spec: RoleSpec<P>): RolePropsChecked<P> {
  const checked = checkInputs(props, spec.inputs as AnyInputs);
  return {
    props: checked.props,
    findings: [...checked.findings, ...conflicts(checked.props, spec)],
    hasPlanTimeInputs: checked.planTime.length > 0,
  };
}

/** Settings that contradict each other: anything shaping a new role beside `existingRoleArn`, a name beside a prefix. */
function conflicts<P extends RoleProps>(props: P, spec: RoleSpec<P>): Finding[] {
  const given = Object.entries(props).filter(([, value]) => value !== undefined);
  const found: Finding[] = [];
  if (props.existingRoleArn !== undefined) {
    for (const [key, value] of given) {
      if (key === "existingRoleArn" || spec.withExistingRole?.includes(key as keyof P & string)) continue;
      found.push({ code: SHAPE_CODES.conflict, path: key, value, requirement: "left unset when 'existingRoleArn' is given" });
    }
  }
  if (props.adopt === true && props.existingRoleArn === undefined) {
    const why =
      props.create === false
        ? "'create' is false"
        : props.roleNamePrefix !== undefined && !isToken(props.roleNamePrefix)
          ? "'roleNamePrefix' is given"
          : undefined;
    if (why !== undefined) {
      found.push({
        code: SHAPE_CODES.conflict,
        path: "adopt",
        value: true,
        requirement: `false or unset when ${why}: an adopted role is one that exists, imported by its name`,
      });
    }
  }
  // A module gives both as tokens, one of them null at plan.
  if (props.roleName !== undefined && props.roleNamePrefix !== undefined && !(isToken(props.roleName) && isToken(props.roleNamePrefix))) {
    found.push({
      code: SHAPE_CODES.conflict,
      path: "roleNamePrefix",
      value: props.roleNamePrefix,
      requirement: "left unset when 'roleName' is given",
    });
  }
  return found;
}
