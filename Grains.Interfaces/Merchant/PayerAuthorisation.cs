using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>How a payer authorises a payment: either username and password, or a one-time payer code.</summary>
[GenerateSerializer, Immutable, Alias("paysim.PayerAuthorisation")]
public sealed record PayerAuthorisation(string? Username, string? Password, string? PayerCode)
{
    public static PayerAuthorisation WithPassword(string username, string password) => new(username, password, null);

    public static PayerAuthorisation WithPayerCode(string payerCode) => new(null, null, payerCode);

    /// <summary>As a record prints itself, with the password and the payer code masked.</summary>
    public override string ToString() =>
        $"{nameof(PayerAuthorisation)} {{ {nameof(Username)} = {Username}, {nameof(Password)} = {(Password is null ? "null" : Secrets.Mask)}, {nameof(PayerCode)} = {(PayerCode is null ? "null" : Secrets.Mask)} }}";
}
