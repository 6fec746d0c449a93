import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformStack } from "cdktf";

/** Where a deployable stack deploys and keeps its state, beyond the standard AWS environment. */
export interface StackDeploymentOptions {
  /**
   * The role the provider assumes: the account the stack deploys into.
   *
   * @default - the account of the credentials in the environment
   */
  readonly roleArn?: string;
  /**
   * The provider's Region.
   *
   * @default - the Region of the environment (`AWS_REGION`)
   */
  readonly region?: string;
  /**
   * An S3 backend: the state at `<keyPrefix>/<stack>.tfstate` in `bucket`.
   *
   * @default - the local backend: `terraform.<stack>.tfstate` next to `cdktf.json`
   */
  readonly s3Backend?: {
    readonly bucket: string;
    readonly keyPrefix?: string;
    readonly region: string;
    readonly useLockfile?: boolean;
    readonly encrypt?: boolean;
  };
}

/**
 * The stack's AWS provider and backend. Without options, exactly what the stacks always had (a
 * provider of the environment, cdktf's local backend), so that their output stays byte for byte.
 */
export function deployStack(stack: TerraformStack, options: StackDeploymentOptions): void {
  new AwsProvider(stack, "aws", {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.roleArn !== undefined ? { assumeRole: [{ roleArn: options.roleArn }] } : {}),
  });
  const s3 = options.s3Backend;
  if (s3 !== undefined) {
    const name = `${stack.node.id}.tfstate`;
    new S3Backend(stack, {
      bucket: s3.bucket,
      key: s3.keyPrefix !== undefined ? `${s3.keyPrefix}/${name}` : name,
      region: s3.region,
      encrypt: s3.encrypt ?? true,
    });
    // cdktf 0.21's S3Backend predates Terraform 1.10's lock file: set through the public override.
    stack.addOverride("terraform.backend.s3.use_lockfile", s3.useLockfile ?? true);
  }
}
