namespace PaySim.Grains.Merchant;

/// <summary>Stored state of one payer code.</summary>
public sealed class PayerCodeState
{
    public string Username { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The order that redeemed the code, or null while unused.</summary>
    public string? RedeemedBy { get; set; }
}
