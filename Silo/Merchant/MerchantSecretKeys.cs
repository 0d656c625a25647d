using System.Security.Cryptography;
using System.Text;
using PaySim.Silo.Hosting;

namespace PaySim.Silo.Merchant;

/// <summary>
/// Where the merchant key-encryption key comes from. A cluster's silos must share one key, given by configuration or
/// by a file the operator provides; only a single node may make its own, in its data directory, on first start.
/// </summary>
public static class MerchantSecretKeys
{
    /// <summary>The key file a single node creates when no key is configured.</summary>
    public const string DefaultFileName = "merchant-secrets.key";

    /// <summary>The protector for these settings; the validator has refused every combination this cannot serve.</summary>
    public static AesGcmMerchantSecretProtector CreateProtector(MerchantSiloOptions options, ClusterMembershipKind membership, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.SecretKey))
        {
            return new AesGcmMerchantSecretProtector(Decode(options.SecretKey)
                ?? throw new InvalidOperationException($"{MerchantSiloOptions.SectionName}:{nameof(MerchantSiloOptions.SecretKey)} is not base64 of {AesGcmMerchantSecretProtector.KeyLengthBytes} bytes."));
        }

        if (membership != ClusterMembershipKind.Localhost)
        {
            // Never a key of this process's own: the other silos could not read the secrets it encrypts.
            return new AesGcmMerchantSecretProtector(ReadFile(options.SecretKeyFile
                ?? throw new InvalidOperationException($"A cluster silo needs {MerchantSiloOptions.SectionName}:{nameof(MerchantSiloOptions.SecretKey)} or {nameof(MerchantSiloOptions.SecretKeyFile)}.")));
        }

        return AesGcmMerchantSecretProtector.FromKeyFile(options.SecretKeyFile ?? Path.Combine(dataDirectory, DefaultFileName));
    }

    /// <summary>The key in a file: its 32 raw bytes, or their base64 as text (what <c>openssl rand -base64 32</c> writes).</summary>
    public static byte[] ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == AesGcmMerchantSecretProtector.KeyLengthBytes)
        {
            return bytes;
        }

        return Decode(Encoding.ASCII.GetString(bytes))
            ?? throw new CryptographicException($"The merchant key file {path} holds neither {AesGcmMerchantSecretProtector.KeyLengthBytes} bytes nor their base64.");
    }

    /// <summary>The key in base64, or null when the text is not base64 of exactly 32 bytes.</summary>
    public static byte[]? Decode(string text)
    {
        var buffer = new byte[AesGcmMerchantSecretProtector.KeyLengthBytes + 3];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) && written == AesGcmMerchantSecretProtector.KeyLengthBytes
            ? buffer[..written]
            : null;
    }
}
