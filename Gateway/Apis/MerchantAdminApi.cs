using System.Security.Cryptography;
using System.Text;
using PaySim.Gateway.Merchant;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>
/// <c>POST /admin/merchants</c>: an administrator registers a merchant and receives, once, its merchant id
/// (busi_id and uid) with the 付付 key and the aggregator token.
/// </summary>
public static class MerchantAdminApi
{
    public const string AdminTokenHeader = "X-PaySim-Admin-Token";

    /// <summary>Configuration key of the administrator token; without it every admin request is refused.</summary>
    public const string AdminTokenKey = "PaySim:Admin:Token";

    /// <summary>Fresh ids tried before giving up; 10^13 ids make one collision already rare.</summary>
    private const int MerchantIdAttemptMax = 5;

    public sealed record RegisterMerchantBody(string? Name, string? SettlementAccount);

    public static IEndpointRouteBuilder MapMerchantAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/merchants", RegisterAsync);
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        HttpRequest http, RegisterMerchantBody body, IConfiguration configuration, [AsParameters] MerchantApiServices services)
    {
        if (!IsAdministrator(http, configuration))
        {
            return TypedResults.Problem(detail: $"A valid {AdminTokenHeader} header is required.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (string.IsNullOrWhiteSpace(body.Name) || string.IsNullOrWhiteSpace(body.SettlementAccount))
        {
            return TypedResults.BadRequest(new { reason = "name and settlementAccount are required." });
        }

        for (var attempt = 0; attempt < MerchantIdAttemptMax; attempt++)
        {
            var merchantId = "1" + RandomNumberGenerator.GetString("0123456789", 13);
            var reply = await services.Grains.GetGrain<IMerchantGrain>(merchantId)
                .RegisterAsync(new MerchantRegistration(body.Name, body.SettlementAccount));
            switch (reply.Result)
            {
                case MerchantResult.Ok:
                    var credentials = reply.Credentials!;
                    return TypedResults.Ok(new { busi_id = credentials.MerchantId, uid = credentials.MerchantId, key = credentials.Key, token = credentials.Token });
                case MerchantResult.InvalidName:
                    return TypedResults.BadRequest(new { reason = $"name must be 1-{MerchantRegistration.NameLengthMax} characters." });
                case MerchantResult.NoSuchSettlementAccount:
                    return TypedResults.BadRequest(new { reason = "settlementAccount is not an open PaySim account." });
            }
        }

        return TypedResults.Problem(detail: "No free merchant id was found; try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static bool IsAdministrator(HttpRequest http, IConfiguration configuration)
    {
        var expected = configuration[AdminTokenKey];
        var given = http.Headers[AdminTokenHeader].ToString();
        return !string.IsNullOrEmpty(expected)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }
}
