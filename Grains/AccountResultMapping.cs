using PaySim.Grains.Interfaces;

namespace PaySim.Grains;

/// <summary>Translates an account's answer into the outcome an orchestrator reports, and back.</summary>
internal static class AccountResultMapping
{
    /// <summary>
    /// The member of <typeparamref name="TResult"/> (<see cref="TransferResult"/>, <see cref="TradeResult"/>) named as
    /// <paramref name="result"/>: those enums repeat the account's refusals under the same names, and a test pins that
    /// each refusal an account movement can answer has its namesake.
    /// </summary>
    public static TResult ToResult<TResult>(this AccountResult result)
        where TResult : struct, Enum =>
        result == AccountResult.Ok ? default
        : Enum.TryParse<TResult>(result.ToString(), out var mapped) ? mapped
        : throw new InvalidOperationException($"{typeof(TResult).Name} has no outcome for the account's {result}.");

    /// <summary>The account refusal a stored <see cref="TransferResult"/> or <see cref="TradeResult"/> came from.</summary>
    public static AccountResult ToAccountResult<TResult>(this TResult result)
        where TResult : struct, Enum =>
        Enum.TryParse<AccountResult>(result.ToString(), out var mapped) ? mapped
        : throw new InvalidOperationException($"{typeof(TResult).Name}.{result} is not an account's answer.");

    /// <summary>Whether an account that answered a snapshot may take part in a movement: it exists and is not frozen.</summary>
    public static AccountResult ToParticipation(this AccountSnapshot? snapshot) =>
        snapshot is null ? AccountResult.NoSuchAccount
        : snapshot.Status == AccountStatus.Frozen ? AccountResult.AccountFrozen
        : AccountResult.Ok;
}
