using System.Security.Cryptography;
using PaySim.Grains.Interfaces;
using PaySim.Grains.Interfaces.Merchant;
using Orleans;
using Orleans.Runtime;

namespace PaySim.Grains.Merchant;

/// <summary>
/// A merchant: its profile, its two secrets (encrypted at rest) and the signatures it accepted recently.
/// The replay memory lives in the activation only: there is one activation per merchant in the cluster, and after a
/// restart the order grains' own idempotency still keeps a replayed request from moving money twice.
/// </summary>
[GrainType("merchant")]
public sealed class MerchantGrain(
    [PersistentState("merchant", StorageNames.Documents)] IPersistentState<MerchantState> state,
    IMerchantSecretProtector protector,
    TimeProvider timeProvider) : Grain, IMerchantGrain
{
    /// <summary>Most remembered signatures per merchant; bounds memory under a flood of distinct valid requests.</summary>
    public const int ReplayKeyCountMax = 100_000;

    /// <summary>Length of both generated secrets, as the seeds show them.</summary>
    public const int SecretLength = 32;

    private const string KeyAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string TokenAlphabet = "0123456789ABCDEF";

    private readonly Dictionary<string, DateTimeOffset> _replayKeys = new(StringComparer.Ordinal);
    private (string Key, string Token)? _secrets;

    public async Task<MerchantRegistrationReply> RegisterAsync(MerchantRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (string.IsNullOrWhiteSpace(registration.Name) || registration.Name.Length > MerchantRegistration.NameLengthMax)
        {
            return new MerchantRegistrationReply(MerchantResult.InvalidName, null);
        }

        if (state.RecordExists)
        {
            return new MerchantRegistrationReply(MerchantResult.AlreadyExists, null);
        }

        var account = GrainReferences.CanName(registration.SettlementAccount)
            ? await GrainFactory.GetGrain<IAccountGrain>(registration.SettlementAccount).GetSnapshotAsync()
            : null;
        if (account is null)
        {
            return new MerchantRegistrationReply(MerchantResult.NoSuchSettlementAccount, null);
        }

        if (account.Status == AccountStatus.Frozen)
        {
            return new MerchantRegistrationReply(MerchantResult.SettlementAccountFrozen, null);
        }

        var key = RandomNumberGenerator.GetString(KeyAlphabet, SecretLength);
        var token = RandomNumberGenerator.GetString(TokenAlphabet, SecretLength);
        var registered = new MerchantState
        {
            Name = registration.Name.Trim(),
            SettlementAccount = registration.SettlementAccount,
            RegisteredAt = timeProvider.GetUtcNow(),
            ProtectedKey = protector.Protect(key),
            ProtectedToken = protector.Protect(token),
        };
        await state.CommitAsync(registered, DeactivateOnIdle);
        _secrets = (key, token);
        return new MerchantRegistrationReply(MerchantResult.Ok, new MerchantCredentials(this.GetPrimaryKeyString(), key, token));
    }

    public Task<MerchantProfile?> GetProfileAsync() => Task.FromResult(
        state.RecordExists
            ? new MerchantProfile(this.GetPrimaryKeyString(), state.State.Name, state.State.SettlementAccount, state.State.RegisteredAt)
            : null);

    public Task<SignatureCheck> VerifyAsync(SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!state.RecordExists)
        {
            return Task.FromResult(SignatureCheck.UnknownMerchant);
        }

        var expected = Md5Signature.Compute(request.Prefix, Secret(request.Kind), request.Suffix);
        if (!Md5Signature.Matches(expected, request.Signature))
        {
            return Task.FromResult(SignatureCheck.InvalidSignature);
        }

        return Task.FromResult(request.ReplayKey is null || Remember(request.ReplayKey, request.ReplayKeyExpiresAt)
            ? SignatureCheck.Valid
            : SignatureCheck.Replayed);
    }

    public Task<MerchantSignature?> SignAsync(MerchantSecretKind kind, string prefix, string suffix) => Task.FromResult(
        state.RecordExists ? new MerchantSignature(Md5Signature.Compute(prefix, Secret(kind), suffix)) : null);

    private string Secret(MerchantSecretKind kind)
    {
        _secrets ??= (protector.Unprotect(state.State.ProtectedKey), protector.Unprotect(state.State.ProtectedToken));
        return kind == MerchantSecretKind.Key ? _secrets.Value.Key : _secrets.Value.Token;
    }

    /// <summary>Records a replay key; false when it is already known and not yet expired.</summary>
    private bool Remember(string replayKey, DateTimeOffset expiresAt)
    {
        var now = timeProvider.GetUtcNow();
        if (_replayKeys.TryGetValue(replayKey, out var knownUntil) && knownUntil > now)
        {
            return false;
        }

        if (_replayKeys.Count >= ReplayKeyCountMax)
        {
            foreach (var expired in _replayKeys.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
            {
                _replayKeys.Remove(expired);
            }
        }

        if (_replayKeys.Count >= ReplayKeyCountMax)
        {
            // Refusing is safer than forgetting a key that might be replayed; the flood ends when its keys expire.
            return false;
        }

        _replayKeys[replayKey] = expiresAt;
        return true;
    }
}
