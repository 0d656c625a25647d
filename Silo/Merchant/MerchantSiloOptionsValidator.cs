using Microsoft.Extensions.Options;
using PaySim.Silo.Hosting;
using PaySim.Wire;

namespace PaySim.Silo.Merchant;

/// <summary>
/// Rejects merchant settings a silo cannot work with, at start-up, saying what to change. Above all: a cluster silo
/// without a shared key would encrypt merchant secrets that the other silos cannot read.
/// </summary>
public sealed class MerchantSiloOptionsValidator(ClusterMembershipKind membership) : IValidateOptions<MerchantSiloOptions>
{
    private const string Section = MerchantSiloOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MerchantSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        ValidateKey(options, failures);
        failures.AddRange(NotifyUrls.AllowListFailures(options.NotifyHostAllowList, $"{Section}:{nameof(MerchantSiloOptions.NotifyHostAllowList)}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateKey(MerchantSiloOptions options, List<string> failures)
    {
        var hasKey = !string.IsNullOrEmpty(options.SecretKey);
        var hasFile = !string.IsNullOrEmpty(options.SecretKeyFile);
        if (hasKey && hasFile)
        {
            failures.Add($"Set one of {Section}:SecretKey and {Section}:SecretKeyFile, not both.");
            return;
        }

        if (hasKey && MerchantSecretKeys.Decode(options.SecretKey!) is null)
        {
            failures.Add($"{Section}:SecretKey must be base64 of {AesGcmMerchantSecretProtector.KeyLengthBytes} random bytes, e.g. the output of `openssl rand -base64 32`.");
            return;
        }

        if (membership == ClusterMembershipKind.Localhost)
        {
            return;
        }

        if (!hasKey && !hasFile)
        {
            failures.Add($"{Section}:SecretKey (base64 of {AesGcmMerchantSecretProtector.KeyLengthBytes} random bytes, `openssl rand -base64 32`) or "
                + $"{Section}:SecretKeyFile (a file holding it) must be set when PaySim:Cluster:Membership is {membership}: every silo of the "
                + "cluster must encrypt merchant secrets under the same key.");
        }
        else if (hasFile && !File.Exists(options.SecretKeyFile))
        {
            failures.Add($"{Section}:SecretKeyFile '{options.SecretKeyFile}' does not exist: in a cluster the file is never created, "
                + "give every silo a copy of the same key.");
        }
        else if (hasFile && !TryRead(options.SecretKeyFile!))
        {
            failures.Add($"{Section}:SecretKeyFile '{options.SecretKeyFile}' must hold {AesGcmMerchantSecretProtector.KeyLengthBytes} raw bytes or their base64.");
        }
    }

    private static bool TryRead(string path)
    {
        try
        {
            MerchantSecretKeys.ReadFile(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
