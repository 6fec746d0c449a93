import { Finding } from "../private/errors";
import { isToken } from "../private/expr";
import { isValidated } from "../private/validated";
import { INPUT_CODES } from "./codes";
import { AnyInputs, Input, ValueInput } from "./input";

/** The codes of the findings about a value's shape rather than a rule of its own. */
export const SHAPE_CODES = {
  kind: INPUT_CODES.kind.code,
  unknownKey: INPUT_CODES.unknownKey.code,
  conflict: INPUT_CODES.conflict.code,
} as const;

/** A value known only at plan, to be checked there by its rule. */
export interface PlanTimeValue {
  readonly path: string;
  readonly value: unknown;
  readonly input: ValueInput;
}

/** What checking props found: the props with every bad value left out, the findings, and the values known only at plan. */
export interface CheckedInputs<P> {
  readonly props: P;
  readonly findings: Finding[];
  readonly planTime: PlanTimeValue[];
}

/** Options of {@link checkInputs}. */
export interface CheckOptions {
  /**
   * Groups whose contents another construct checks (a role's props inside a setup): only that
   * they are objects is checked here, so that nothing is reported twice.
   */
  readonly delegated?: readonly string[];
}

const KIND_TEXT: Record<ValueInput["kind"], string> = {
  boolean: "true or false",
  number: "a number",
  string: "a string",
  "string-list": "a list of strings",
  "string-map": "a map of strings",
};

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Checks literal props against their descriptors, reporting every problem rather than the first:
 * unknown keys, values of the wrong kind, values that break their rule. Values that are Terraform
 * tokens are left for plan time. The props returned hold only the good values, so that a
 * construct can go on building and every other problem is reported too.
 */
export function checkInputs<P>(props: P, inputs: AnyInputs, options: CheckOptions = {}, at = ""): CheckedInputs<P> {
  const findings: Finding[] = [];
  const planTime: PlanTimeValue[] = [];
  const clean: Record<string, unknown> = {};
  const path = (key: string) => (at ? `${at}.${key}` : key);
  if (props === undefined) return { props: props as P, findings, planTime };
  if (!isPlainObject(props)) {
    findings.push({ code: SHAPE_CODES.kind, path: at || "(top level)", value: props, requirement: objectRequirement(inputs) });
    return { props: {} as P, findings, planTime };
  }
  for (const key of Object.keys(props)) {
    const value = (props as Record<string, unknown>)[key];
    if (!own(inputs, key)) {
      findings.push({
        code: SHAPE_CODES.unknownKey,
        path: path(key),
        value,
        requirement: `left out: the known keys here are ${Object.keys(inputs).join(", ")}`,
      });
      continue;
    }
    if (value === undefined) continue;
    const input: Input = inputs[key];
    if (input.kind === "group" && input.list) {
      const inner = checkGroupList(value, input.inputs as AnyInputs, options, path(key));
      findings.push(...inner.findings);
      planTime.push(...inner.planTime);
      if (inner.props !== undefined) clean[key] = inner.props;
      continue;
    }
    if (input.kind === "group") {
      if (options.delegated?.includes(path(key))) {
        if (isPlainObject(value)) clean[key] = value;
        else findings.push({ code: SHAPE_CODES.kind, path: path(key), value, requirement: objectRequirement(input.inputs as AnyInputs) });
        continue;
      }
      const inner = checkInputs(value, input.inputs as AnyInputs, options, path(key));
      findings.push(...inner.findings);
      planTime.push(...inner.planTime);
      clean[key] = inner.props;
      continue;
    }
    const before = findings.length;
    checkValue(value, input, path(key), findings, planTime);
    if (findings.length === before) clean[key] = value;
  }
  return { props: clean as P, findings, planTime };
}

/**
 * A list of groups (the statements of a task role): each element checked as a group, with the
 * inputs it must have. A token for the whole list is taken only from a module variable, whose type
 * and `validation` Terraform checks; any other is refused, for nothing could check its elements.
 */
function checkGroupList(value: unknown, inputs: AnyInputs, options: CheckOptions, at: string): CheckedInputs<unknown[] | undefined> {
  const requirement = `a list of objects with the keys ${Object.keys(inputs).join(", ")}`;
  if (isToken(value)) {
    if (isValidated(value)) return { props: value as unknown[], findings: [], planTime: [] };
    return {
      props: undefined,
      findings: [{ code: SHAPE_CODES.kind, path: at, value, requirement: `${requirement}, given as a list (its values may be tokens)` }],
      planTime: [],
    };
  }
  if (!Array.isArray(value))
    return { props: undefined, findings: [{ code: SHAPE_CODES.kind, path: at, value, requirement }], planTime: [] };
  const findings: Finding[] = [];
  const planTime: PlanTimeValue[] = [];
  const clean: unknown[] = [];
  value.forEach((element, i) => {
    const where = `${at}[${i}]`;
    const inner = checkInputs(element, inputs, options, where);
    findings.push(...inner.findings);
    planTime.push(...inner.planTime);
    const missing = isPlainObject(element)
      ? Object.entries(inputs).filter(([key, input]) => input.kind !== "group" && input.required === true && element[key] === undefined)
      : [];
    for (const [key, input] of missing) {
      const rule = (input as ValueInput).rule;
      findings.push({
        code: INPUT_CODES.missing.code,
        path: `${where}.${key}`,
        value: undefined,
        requirement: `given: ${rule?.requirement ?? "a value"}`,
      });
    }
    // Every element kept, so that the construct's own checks name the same indexes; findings fail synth anyway.
    clean.push(inner.props ?? {});
  });
  return { props: clean, findings, planTime };
}

function checkValue(value: unknown, input: ValueInput, path: string, findings: Finding[], planTime: PlanTimeValue[]): void {
  if (isToken(value)) {
    planTime.push({ path, value, input });
    return;
  }
  const kindOk =
    input.kind === "string-list"
      ? Array.isArray(value) && value.every((v) => typeof v === "string")
      : input.kind === "string-map"
        ? isPlainObject(value) && Object.values(value).every((v) => typeof v === "string")
        : input.kind === "number"
          ? typeof value === "number" && Number.isFinite(value)
          : typeof value === input.kind;
  if (!kindOk) {
    findings.push({
      code: SHAPE_CODES.kind,
      path,
      value,
      requirement: input.rule ? `${KIND_TEXT[input.kind]}: ${input.rule.requirement}` : KIND_TEXT[input.kind],
    });
    return;
  }
  const rule = input.rule;
  if (!rule) return;
  if (input.kind === "string-list") {
    (value as string[]).forEach((element, i) => {
      if (isToken(element)) planTime.push({ path: `${path}[${i}]`, value: element, input: { kind: "string", rule } });
      else if (!rule.accepts(element))
        findings.push({ code: rule.code, path: `${path}[${i}]`, value: element, requirement: rule.requirement });
    });
    return;
  }
  if (input.kind === "string-map" && Object.entries(value as object).some(([k, v]) => isToken(k) || isToken(v))) {
    planTime.push({ path, value, input });
    return;
  }
  if (!rule.accepts(value)) findings.push({ code: rule.code, path, value, requirement: rule.requirement });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectRequirement(inputs: AnyInputs): string {
  return `an object with the keys ${Object.keys(inputs).join(", ")}`;
}
