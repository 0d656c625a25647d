using Orleans;

namespace PaySim.Grains.Interfaces;

/// <summary>
/// One transfer between two accounts (主动转账), keyed by transfer id: the client's request id when it sent one,
/// otherwise one the edge made (<see cref="RequestIds"/>). The grain persists its intent before any money moves and finishes (or reverses) an
/// interrupted transfer from a durable reminder, so a crash never leaves money half-moved.
/// </summary>
[Alias("paysim.ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the transfer, or returns the outcome of the first run when this id was already used for the same
    /// request (a client retry). The same id with a different request is <see cref="TransferResult.RequestIdConflict"/>.
    /// </summary>
    Task<TransferResult> ExecuteAsync(TransferRequest request);
}

/// <summary>A request to move <paramref name="AmountFen"/> from <paramref name="Source"/> to <paramref name="Target"/>.</summary>
/// <param name="Password">Optional (the seed's 主动转账 carries none): when set, the source's password must match.</param>
[GenerateSerializer, Immutable, Alias("paysim.TransferRequest")]
public sealed record TransferRequest(string Source, string Target, long AmountFen, string? Password = null)
{
    /// <summary>As a record prints itself, with the password masked: Orleans' trace lines print call arguments.</summary>
    public override string ToString() =>
        $"{nameof(TransferRequest)} {{ {nameof(Source)} = {Source}, {nameof(Target)} = {Target}, {nameof(AmountFen)} = {AmountFen}, {nameof(Password)} = {(Password is null ? "null" : Secrets.Mask)} }}";
}
