using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>A refund of <paramref name="RefundFee"/> (hundredths of the order currency) under the merchant's refund number.</summary>
[GenerateSerializer, Immutable, Alias("paysim.RefundRequest")]
public sealed record RefundRequest(string RefundNumber, long RefundFee, string Subject, string? OperatorId, string? TerminalId)
{
    /// <summary>Longest refund number; it becomes part of a grain key.</summary>
    public const int RefundNumberLengthMax = 64;
}
