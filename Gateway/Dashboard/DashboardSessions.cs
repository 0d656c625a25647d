using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PaySim.Gateway.Security;

namespace PaySim.Gateway.Dashboard;

/// <summary>
/// The dashboard's browser session. The admin token is entered once, in the sign-in form; the cookie then holds
/// <c>expiry.nonce.mac</c>, the MAC being HMAC-SHA256 of <c>expiry.nonce</c> under a key derived from the token
/// (<see cref="AdminCredential.DerivedKey"/>), never the token itself. Nothing is stored on the server, so every
/// gateway given the same token accepts the cookie, and changing the token ends every session. The cookie is HttpOnly
/// (no script reads it), SameSite=Strict (no other site's page sends it), Secure on HTTPS, and sent to
/// <c>/dashboard</c> only; it lasts until the browser closes, and at most <see cref="LifetimeMax"/>.
/// </summary>
public sealed class DashboardSessions(AdminCredential admin, TimeProvider clock)
{
    public const string CookieName = "paysim_dashboard";

    /// <summary>How long a sign-in lasts at most: a working day, so a forgotten browser does not stay signed in for good.</summary>
    public static readonly TimeSpan LifetimeMax = TimeSpan.FromHours(12);

    /// <summary>The key's purpose; another version of the cookie's format would take another purpose, so old cookies fail.</summary>
    private const string KeyPurpose = "PaySim dashboard session v1";

    /// <summary>Random bytes per session, so no two sign-ins share a cookie value.</summary>
    private const int NonceByteCount = 16;

    /// <summary>Longest cookie value examined; a real one is about 90 characters.</summary>
    private const int ValueLengthMax = 160;

    private readonly byte[] _key = admin.DerivedKey(KeyPurpose);

    /// <summary>Sets the session cookie on <paramref name="response"/>.</summary>
    public void SignIn(HttpResponse response) => response.Cookies.Append(CookieName, Issue(), CookieOptions(response.HttpContext.Request));

    /// <summary>Tells the browser to drop its session cookie.</summary>
    public void SignOut(HttpResponse response) => response.Cookies.Delete(CookieName, CookieOptions(response.HttpContext.Request));

    /// <summary>Whether <paramref name="request"/> carries a session cookie this gateway issued (or one with the same token) that has not expired.</summary>
    public bool IsSignedIn(HttpRequest request) => IsValid(request.Cookies[CookieName]);

    /// <summary>A new session value: <c>expiry.nonce.mac</c>, the expiry in Unix seconds.</summary>
    public string Issue()
    {
        var expiresAt = clock.GetUtcNow().Add(LifetimeMax).ToUnixTimeSeconds();
        var signed = string.Create(CultureInfo.InvariantCulture, $"{expiresAt}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NonceByteCount))}");
        return signed + "." + Mac(signed);
    }

    /// <summary>True for a value of <see cref="Issue"/> under this token whose expiry is still ahead; the MAC is compared in constant time.</summary>
    public bool IsValid(string? value)
    {
        if (value is null || value.Length > ValueLengthMax || value.LastIndexOf('.') is not (> 0 and var macStart))
        {
            return false;
        }

        var signed = value[..macStart];
        var presented = Encoding.ASCII.GetBytes(value[(macStart + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(Mac(signed))))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return signed.IndexOf('.') is > 0 and var expiryEnd
            && long.TryParse(signed.AsSpan(0, expiryEnd), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            && now < expiresAt;
    }

    private string Mac(string signed) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed)));

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = request.PathBase.Add(DashboardApi.Route).Value,
        IsEssential = true,
    };
}
