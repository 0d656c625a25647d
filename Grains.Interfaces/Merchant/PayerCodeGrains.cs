using System.Security.Cryptography;
using System.Text;
using Orleans;

namespace PaySim.Grains.Interfaces.Merchant;

/// <summary>
/// Finds the grain of a payer code. Its key is the code's SHA-256, not the code: Orleans writes grain ids into its debug
/// and trace lines, and a payer code pays for whoever holds it during its 60 seconds. Searching 10^16 codes by digest
/// takes far longer than that.
/// </summary>
public static class PayerCodeGrains
{
    public static IPayerCodeGrain GetPayerCodeGrain(this IGrainFactory grains, string payerCode)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IPayerCodeGrain>(KeyOf(payerCode));
    }

    /// <summary>The grain key of <paramref name="payerCode"/>: lower-case hex of its SHA-256.</summary>
    public static string KeyOf(string payerCode) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payerCode)));
}
