using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// Opens many accounts at once for load tests (批量创建账户, admin): one password, hashed once for the whole batch, and
/// one opening balance. Each account is still opened by its own grain, with its own opening ledger line, so every rule
/// of the money holds; only the password hash (salt included) is shared by the batch's accounts.
/// </summary>
[Alias("paysim.IAccountOpenerGrain")]
public interface IAccountOpenerGrain : IGrainWithIntegerKey
{
    /// <summary>Opens <c>{Prefix}{First}</c> … <c>{Prefix}{First + Count − 1}</c>; accounts that exist already are left as they are.</summary>
    Task<AccountBatchReply> OpenBatchAsync(AccountBatchRequest request);
}

/// <summary>A batch of accounts to open: usernames <c>{Prefix}{n}</c> for n from <paramref name="First"/>, <paramref name="Count"/> of them.</summary>
[GenerateSerializer, Immutable, Alias("paysim.AccountBatchRequest")]
public sealed record AccountBatchRequest(
    [property: Id(0)] string Prefix,
    [property: Id(1)] int First,
    [property: Id(2)] int Count,
    [property: Id(3)] string Password,
    [property: Id(4)] long InitialBalanceFen)
{
    /// <summary>Most accounts per batch: one batch stays one grain call well inside the response timeout.</summary>
    public const int CountMax = 10_000;

    /// <summary>As a record prints itself, with the password masked: Orleans' trace lines print call arguments.</summary>
    public override string ToString() =>
        $"{nameof(AccountBatchRequest)} {{ {nameof(Prefix)} = {Prefix}, {nameof(First)} = {First}, {nameof(Count)} = {Count}, "
        + $"{nameof(Password)} = {Secrets.Mask}, {nameof(InitialBalanceFen)} = {InitialBalanceFen} }}";
}

/// <summary>What a batch did: <see cref="AccountBatchResult.Ok"/> with how many accounts it opened and how many existed already, or why it opened none.</summary>
[GenerateSerializer, Immutable, Alias("paysim.AccountBatchReply")]
public sealed record AccountBatchReply(
    [property: Id(0)] AccountBatchResult Result,
    [property: Id(1)] int Opened,
    [property: Id(2)] int Existing);

/// <summary>Outcomes of a batch, in the order in which they are checked.</summary>
[GenerateSerializer, Alias("paysim.AccountBatchResult")]
public enum AccountBatchResult
{
    /// <summary>Every account of the batch is open (now or before).</summary>
    Ok,

    /// <summary>The opening balance is negative or above <see cref="MoneyLimits.AmountFenMax"/>.</summary>
    InvalidAmount,

    /// <summary>No prefix, a count outside 1..<see cref="AccountBatchRequest.CountMax"/>, a username too long, or no password.</summary>
    InvalidRequest,
}
