import { IResolvable, IResolveContext, Token } from "cdktf";

/**
 * A value produced at synth, as cdktf's `Lazy.anyValue` gives one, without the complete stack
 * trace cdktf's `Lazy` captures when it is made (kept for error messages about the token): that
 * capture was a third of the time to build a thousand roles. cdktf resolves any `IResolvable`.
 */
class Produced implements IResolvable {
  public readonly creationStack: string[] = [];

  constructor(private readonly producer: (context: IResolveContext) => unknown) {}

  public resolve(context: IResolveContext): unknown {
    return this.producer(context);
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** A value that `produce` gives when the stack is synthesized, in the context of the scope that uses it. */
export function produced(produce: (context: IResolveContext) => unknown): IResolvable {
  return new Produced(produce);
}

/** {@link produced} as a string token. */
export function producedString(produce: (context: IResolveContext) => string): string {
  return Token.asString(new Produced(produce));
}
