using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PaySim.Gateway.Apis;

namespace PaySim.Gateway.Security;

/// <summary>
/// The administrator's token, required in the <see cref="HeaderName"/> header by admin methods (创建账户, 冻结账户,
/// 对账). It comes from <c>PaySim:Admin:Token</c>; when that is unset, a random token is generated on first start
/// and kept in the data folder (file <c>admin-token</c>, mode 600), and only the file's path is logged. A client that
/// presents wrong tokens is held back (<see cref="AdminGuessLimiter"/>).
/// </summary>
public sealed partial class AdminCredential
{
    public const string HeaderName = "X-PaySim-Admin-Token";
    public const string ConfigurationKey = "PaySim:Admin:Token";
    public const string TokenFileName = "admin-token";

    /// <summary>Longest header value compared; longer ones are refused before any work.</summary>
    private const int TokenLengthMax = 256;

    /// <summary>A configured token shorter than this starts, with a warning: it can be guessed.</summary>
    public const int TokenLengthRecommendedMin = 16;

    private readonly byte[] _tokenDigest;
    private readonly AdminGuessLimiter _guesses;
    private readonly ILogger<AdminCredential> _logger;

    public AdminCredential(IConfiguration configuration, ILogger<AdminCredential> logger, AdminGuessLimiter guesses)
    {
        _guesses = guesses;
        _logger = logger;
        var token = configuration[ConfigurationKey];
        if (string.IsNullOrEmpty(token))
        {
            var dataDirectory = configuration["PaySim:Storage:DataDirectory"] ?? "data";
            var path = Path.GetFullPath(Path.Combine(dataDirectory, TokenFileName));
            token = AdminTokenFile.ReadOrCreate(path);
            LogTokenFile(logger, path, ConfigurationKey);
        }
        else if (string.IsNullOrWhiteSpace(token) || token.Trim().Length != token.Length || token.Length > TokenLengthMax)
        {
            // HTTP trims header values and longer ones are refused: such a token could never be presented, so every
            // admin call would answer 401 or 403. Refused at start instead.
            throw new InvalidOperationException(
                $"{ConfigurationKey} must be 1–{TokenLengthMax} characters without leading or trailing whitespace; unset it to use a generated one.");
        }
        else if (token.Length < TokenLengthRecommendedMin)
        {
            LogShortToken(logger, ConfigurationKey, TokenLengthRecommendedMin);
        }

        _tokenDigest = Digest(token);
    }

    /// <summary>
    /// Null when the request carries the admin token; otherwise the 401 (no token), 403 (wrong token) or 429 (too many
    /// wrong tokens from this client of late, with Retry-After) to answer.
    /// </summary>
    public IResult? Check(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return TypedResults.Json(new PaySimReply { Reason = Reasons.AdminTokenMissing }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Verify(request.HttpContext, presented) switch
        {
            AdminTokenVerdict.Accepted => null,
            AdminTokenVerdict.Wrong => TypedResults.Json(new PaySimReply { Reason = Reasons.AdminTokenInvalid }, statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Json(new PaySimReply { Reason = Reasons.AdminTokenGuessesLimited }, statusCode: StatusCodes.Status429TooManyRequests),
        };
    }

    /// <summary>
    /// Whether <paramref name="presented"/>, from the client of <paramref name="context"/>, is the admin token. A wrong
    /// one is counted against the client; a client past its count is <see cref="AdminTokenVerdict.Limited"/> whatever
    /// it presents, and the response gets a Retry-After header.
    /// </summary>
    public AdminTokenVerdict Verify(HttpContext context, string presented)
    {
        var client = context.Connection.RemoteIpAddress;
        if (_guesses.RetryAfter(client) is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
            return AdminTokenVerdict.Limited;
        }

        if (IsToken(presented))
        {
            return AdminTokenVerdict.Accepted;
        }

        if (_guesses.RecordWrong(client))
        {
            LogGuessesLimited(_logger, client, AdminGuessLimiter.WrongTokensMax, AdminGuessLimiter.Window.TotalSeconds);
        }

        return AdminTokenVerdict.Wrong;
    }

    /// <summary>
    /// Compares in constant time; digests first, so that neither the length nor a prefix of the token leaks. Counts
    /// nothing: what a client presents goes through <see cref="Verify"/>.
    /// </summary>
    public bool IsToken(string presented) =>
        presented.Length <= TokenLengthMax && CryptographicOperations.FixedTimeEquals(Digest(presented), _tokenDigest);

    /// <summary>
    /// A key for another use of the admin credential (the dashboard's session cookie), one per
    /// <paramref name="purpose"/>: HMAC of the purpose under the token's digest. It changes when the token changes,
    /// every gateway given the same token derives the same key, and neither the key nor anything made with it reveals
    /// the token.
    /// </summary>
    public byte[] DerivedKey(string purpose) => HMACSHA256.HashData(_tokenDigest, Encoding.UTF8.GetBytes(purpose));

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ConfigurationKey} is shorter than {LengthMin} characters: anyone who can reach the admin methods may guess it")]
    private static partial void LogShortToken(ILogger logger, string configurationKey, int lengthMin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Client} presented {WrongTokens} wrong admin tokens: it is refused any admin token until {WindowSeconds} s after its first one")]
    private static partial void LogGuessesLimited(ILogger logger, System.Net.IPAddress? client, int wrongTokens, double windowSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin token configured: using the generated one kept in {TokenFile}; set {ConfigurationKey} to choose one")]
    private static partial void LogTokenFile(ILogger logger, string tokenFile, string configurationKey);
}

/// <summary>What <see cref="AdminCredential.Verify"/> found.</summary>
public enum AdminTokenVerdict
{
    Accepted,
    Wrong,

    /// <summary>Not compared: the client presented too many wrong tokens of late (<see cref="AdminGuessLimiter"/>).</summary>
    Limited,
}
