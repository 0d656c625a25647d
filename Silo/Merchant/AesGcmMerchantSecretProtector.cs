using System.Security.Cryptography;
using System.Text;

using PaySim.Grains.Merchant;

namespace PaySim.Silo.Merchant;

/// <summary>
/// AES-256-GCM with a random nonce per secret: base64(nonce | tag | ciphertext). The key comes from the configuration
/// or a file that only the service can read, so a copy of the database alone does not reveal merchant secrets; every
/// silo of a cluster must hold the same key (<see cref="MerchantSecretKeys"/>).
/// </summary>
public sealed class AesGcmMerchantSecretProtector : IMerchantSecretProtector
{
    /// <summary>AES-256 key length in bytes.</summary>
    public const int KeyLengthBytes = 32;

    private const int NonceLengthBytes = 12;
    private const int TagLengthBytes = 16;

    private readonly byte[] _key;

    public AesGcmMerchantSecretProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeyLengthBytes)
        {
            throw new ArgumentException($"The merchant secret key must be {KeyLengthBytes} bytes, not {key.Length}.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>
    /// Reads the key file, creating it with a fresh random key (readable by the owner only) when it is missing: for a
    /// single node only, as another process would make another key.
    /// </summary>
    public static AesGcmMerchantSecretProtector FromKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var fresh = RandomNumberGenerator.GetBytes(KeyLengthBytes);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs, so both encrypt under the same key.
            }
        }

        return new AesGcmMerchantSecretProtector(MerchantSecretKeys.ReadFile(path));
    }

    public string Protect(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[NonceLengthBytes + TagLengthBytes + plain.Length];
        var nonce = output.AsSpan(0, NonceLengthBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLengthBytes);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceLengthBytes + TagLengthBytes), output.AsSpan(NonceLengthBytes, TagLengthBytes));
        return Convert.ToBase64String(output);
    }

    public string Unprotect(string protectedSecret)
    {
        var input = Convert.FromBase64String(protectedSecret);
        if (input.Length < NonceLengthBytes + TagLengthBytes)
        {
            throw new CryptographicException("The protected merchant secret is truncated.");
        }

        var plain = new byte[input.Length - NonceLengthBytes - TagLengthBytes];
        using var aes = new AesGcm(_key, TagLengthBytes);
        aes.Decrypt(
            input.AsSpan(0, NonceLengthBytes),
            input.AsSpan(NonceLengthBytes + TagLengthBytes),
            input.AsSpan(NonceLengthBytes, TagLengthBytes),
            plain);
        return Encoding.UTF8.GetString(plain);
    }
}
