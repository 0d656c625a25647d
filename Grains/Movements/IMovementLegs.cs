using PaySim.Grains.Interfaces;

namespace PaySim.Grains.Movements;

/// <summary>The account side of a movement: what <see cref="MovementProtocol"/> asks of the two accounts.</summary>
internal interface IMovementLegs
{
    /// <summary>Applies one leg (debit, credit or reversal) to <paramref name="account"/>, exactly once per operation id.</summary>
    Task<AccountResult> ApplyAsync(string account, AccountMovement leg);

    /// <summary>
    /// Makes sure the <paramref name="leg"/> refused with <paramref name="refusal"/> is never applied to
    /// <paramref name="account"/> from now on (a later copy is answered that refusal), or says it was applied.
    /// </summary>
    Task<LegFence> FenceAsync(string account, AccountMovement leg, AccountResult refusal);
}

/// <summary>
/// The legs as account grain calls. A name no grain can have (whitespace only) is an account that does not exist: its
/// leg is refused as <see cref="AccountResult.NoSuchAccount"/> and its fence holds, as nothing can ever land there.
/// Asking Orleans for it would throw on every run, leaving a debited movement that recovery could never end.
/// </summary>
internal sealed class GrainMovementLegs(Orleans.IGrainFactory grains) : IMovementLegs
{
    public Task<AccountResult> ApplyAsync(string account, AccountMovement leg) => GrainReferences.CanName(account)
        ? grains.ByKey<IAccountGrain>(account).ApplyAsync(leg)
        : Task.FromResult(AccountResult.NoSuchAccount);

    public Task<LegFence> FenceAsync(string account, AccountMovement leg, AccountResult refusal) => GrainReferences.CanName(account)
        ? grains.ByKey<IAccountGrain>(account).FenceAsync(leg, refusal)
        : Task.FromResult(LegFence.Fenced);
}
