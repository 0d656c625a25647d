using Orleans;
namespace PaySim.Grains.Merchant;

/// <summary>Stored state of one payer code.</summary>
[GenerateSerializer, Alias("paysim.PayerCodeState")]
public sealed class PayerCodeState
{
    [Id(0)]
    public string Username { get; set; } = "";

    [Id(1)]
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The order that redeemed the code, or null while unused.</summary>
    [Id(2)]
    public string? RedeemedBy { get; set; }

    /// <summary>A copy to change and commit (<see cref="StateWrites"/>).</summary>
    public PayerCodeState Clone() => (PayerCodeState)MemberwiseClone();
}
