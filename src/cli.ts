#!/usr/bin/env node
// The package's command: `npx cdktf-batch-ecs-iam audit [--stack batch|ecs-fargate] [--accounts [file]] [--json]`.
import {
  AUDITED_STACKS,
  auditAccount,
  auditJson,
  auditTable,
  exitCodeOf,
  importSetOf,
  isUnavailable,
  UNAVAILABLE_EXIT_CODE,
} from "./audit";
import { accountsExitCode, accountsJson, accountsTable, auditAccounts, DEFAULT_PARALLELISM, importSetsOf } from "./audit/organization";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { ValidationError } from "./private/errors";

const USAGE = `Usage: cdktf-batch-ecs-iam audit [--stack batch|ecs-fargate] [--json] [--imports <file>]
       cdktf-batch-ecs-iam audit --accounts [<file>] [--parallelism <n>] [--stack ...] [--json] [--imports <folder>]
       cdktf-batch-ecs-iam --version

Checks the roles the batch and ecs-fargate stacks would manage against what the AWS account holds,
with read calls only. The stacks are built from the file IAM_CONFIG names, else iam.config.json,
else the defaults. The account is read with the AWS SDK's standard credentials, region and
endpoint (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_IAM, ...).

--imports <file> writes the import set: what the account holds of what each stack declares, by
Terraform address and import id. Name it as "importSet" in the configuration file and each stack
imports exactly that; once deployed, remove it from the configuration. It is written only when
every role was read. The Batch service-linked role (serviceRole.serviceLinked) is found
under /aws-service-role/batch.amazonaws.com/ (iam:ListRoles) and imported by its ARN.

--accounts audits every account of the configuration's "accounts" (or of <file>, a JSON list
shaped as it is): in each, the role the account names is assumed with STS and the account read as
above, --parallelism accounts at once (${DEFAULT_PARALLELISM}). One table with an account column; an account that
cannot be read is one row and one line on stderr naming why, and the others are read. --imports
then names a folder: <folder>/<account id>.json for each account read whole, to name as that
account's "importSet".

Calls that IAM throttles or fails are retried with adaptive back-off, up to AWS_MAX_ATTEMPTS (25)
times; an inline policy IAM lists but cannot read yet is read again for up to 2 minutes.

Exit codes: 0 every role as the stack would make it (adopting it plans no change); 1 a role
missing or drifting; 2 could not check (one line on stderr names the call and the role, or the
account). With --accounts, over every account.`;

/** Runs the command; returns its exit code. */
export async function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = args;
  if (args.some((a) => a === "--help" || a === "-h") || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.includes("--version")) {
    // The package's own package.json, beside lib/ (or src/) wherever it is installed.
    process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")).version}\n`);
    return 0;
  }
  if (command !== "audit") {
    process.stderr.write(`${command === undefined ? "a command is needed" : `unknown command '${command}'`}\n${USAGE}\n`);
    return UNAVAILABLE_EXIT_CODE;
  }
  let json = false;
  let importsFile: string | undefined;
  let accounts: { file?: string } | undefined;
  let parallelism: number | undefined;
  const stacks: (typeof AUDITED_STACKS)[number][] = [];
  const isValue = (arg: string | undefined): arg is string => arg !== undefined && !arg.startsWith("--");
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--json") json = true;
    else if (rest[i] === "--imports" && isValue(rest[i + 1])) importsFile = rest[++i];
    else if (rest[i] === "--accounts") accounts = isValue(rest[i + 1]) ? { file: rest[++i] } : {};
    else if (rest[i] === "--parallelism" && /^[1-9][0-9]{0,3}$/.test(rest[i + 1] ?? "")) parallelism = Number(rest[++i]);
    else if (rest[i] === "--stack" && AUDITED_STACKS.includes(rest[i + 1] as never))
      stacks.push(rest[++i] as (typeof AUDITED_STACKS)[number]);
    else {
      const option = ["--stack", "--parallelism"].includes(rest[i]) ? `${rest[i]} ${rest[i + 1] ?? ""}`.trim() : rest[i];
      const message =
        rest[i] === "--imports"
          ? "a file is needed after '--imports'"
          : rest[i] === "--parallelism"
            ? `'${option}': --parallelism takes a whole number from 1 to 9999`
            : rest[i] === "--stack"
              ? `'${option}': --stack takes the name of a stack, ${AUDITED_STACKS.join(" or ")}`
              : `unknown option '${option}'`;
      process.stderr.write(`${message}\n${USAGE}\n`);
      return UNAVAILABLE_EXIT_CODE;
    }
  }
  if (parallelism !== undefined && accounts === undefined) {
    process.stderr.write(`--parallelism is an option of --accounts\n${USAGE}\n`);
    return UNAVAILABLE_EXIT_CODE;
  }
  const terminal = process.stderr.isTTY === true;
  try {
    if (accounts !== undefined) {
      return await organizationAudit({
        config: configFile(env),
        accountsFile: accounts.file,
        stacks,
        parallelism,
        json,
        importsFile,
        terminal,
      });
    }
    const report = await auditAccount({
      config: configFile(env),
      stacks: stacks.length ? stacks : undefined,
      progress: terminal ? (done, total, name) => process.stderr.write(`\r\x1b[2Kreading ${name} (${done + 1}/${total})…`) : undefined,
    });
    if (terminal) process.stderr.write("\r\x1b[2K");
    process.stdout.write(`${json ? auditJson(report) : auditTable(report)}\n`);
    if (report.error !== undefined) {
      process.stderr.write(`could not check the account: ${report.error}\n`);
      if (importsFile !== undefined) process.stderr.write(`did not write ${importsFile}: the audit did not read every role\n`);
    } else if (importsFile !== undefined) {
      writeImportSet(importsFile, importSetOf(report));
    }
    return exitCodeOf(report);
  } catch (error) {
    if (terminal) process.stderr.write("\r\x1b[2K");
    if (isUnavailable(error)) process.stderr.write(`could not check the account: ${error.message}\n`);
    else if (error instanceof ValidationError) process.stderr.write(`${error.findings.join("\n")}\n`);
    else process.stderr.write(`the audit failed: ${oneLine(error)}\n`);
    return UNAVAILABLE_EXIT_CODE;
  }
}

/** `audit --accounts`: every account, one table; one line on stderr per account not read whole. */
async function organizationAudit(options: {
  config?: string;
  accountsFile?: string;
  stacks: (typeof AUDITED_STACKS)[number][];
  parallelism?: number;
  json: boolean;
  importsFile?: string;
  terminal: boolean;
}): Promise<number> {
  const report = await auditAccounts({
    config: options.config,
    accountsFile: options.accountsFile,
    stacks: options.stacks.length ? options.stacks : undefined,
    parallelism: options.parallelism,
    progress: options.terminal ? (done, total) => process.stderr.write(`\r\x1b[2Kread ${done + 1} of ${total} accounts…`) : undefined,
  });
  if (options.terminal) process.stderr.write("\r\x1b[2K");
  process.stdout.write(`${options.json ? accountsJson(report) : accountsTable(report)}\n`);
  for (const account of report.accounts) {
    if (account.error !== undefined) process.stderr.write(`could not check account ${account.id}: ${account.error}\n`);
  }
  if (options.importsFile !== undefined) {
    mkdirSync(options.importsFile, { recursive: true });
    for (const { id, set } of importSetsOf(report))
      writeImportSet(join(options.importsFile, `${id}.json`), set, `"importSet" of account ${id} (under "accounts")`);
    for (const account of report.accounts) {
      if (account.error !== undefined)
        process.stderr.write(
          `did not write ${join(options.importsFile, `${account.id}.json`)}: the audit did not read every role of account ${account.id}\n`,
        );
    }
  }
  return accountsExitCode(report);
}

/** Writes the import set whole or not at all: to a file beside it, then renamed over it. */
function writeImportSet(file: string, set: ReturnType<typeof importSetOf>, where = '"importSet"'): void {
  const comment = `The import set of cdktf-batch-ecs-iam audit: name this file as ${where.replace(/"/g, "")} in the configuration file.`;
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, `${JSON.stringify({ $comment: comment, ...set }, null, 2)}\n`);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  const count = Object.values(set).reduce((n, entries) => n + Object.keys(entries).length, 0);
  process.stderr.write(`wrote ${file}: ${count} objects to import; name it as ${where} in the configuration file\n`);
}

/** An error as one line, without its stack: its name and message. */
const oneLine = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s*\n\s*/g, " ").trim();

/**
 * The configuration to build the stacks from: the file IAM_CONFIG names, else iam.config.json;
 * without either, the defaults (the roles as the consoles create them), said on stderr.
 */
function configFile(env: NodeJS.ProcessEnv): string | undefined {
  if (env.IAM_CONFIG !== undefined) return env.IAM_CONFIG;
  if (existsSync("iam.config.json")) return "iam.config.json";
  process.stderr.write("no iam.config.json here and IAM_CONFIG unset: auditing the roles of the default configuration\n");
  return undefined;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
