namespace PaySim.Grains.Merchant;

/// <summary>
/// Encrypts merchant secrets at rest. They cannot be hashed like passwords because MD5 request signatures are
/// computed from the secret itself, so they are stored encrypted under a key kept outside the database.
/// </summary>
public interface IMerchantSecretProtector
{
    /// <summary>Encrypts a secret; the result is opaque text safe to store.</summary>
    string Protect(string secret);

    /// <summary>Decrypts what <see cref="Protect"/> produced; throws when it was tampered with or the key changed.</summary>
    string Unprotect(string protectedSecret);
}
