using System.Security.Cryptography;
using System.Text.Json;
using PaySim.Gateway.Merchant;
using PaySim.Gateway.Security;
using PaySim.Grains.Interfaces.Merchant;

namespace PaySim.Gateway.Apis;

/// <summary>
/// <c>POST /admin/merchants</c>: an administrator registers a merchant and receives, once, its merchant id
/// (busi_id and uid) with the 付付 key and the aggregator token. The admin token is checked as for PaySim's admin
/// methods (<see cref="AdminCredential"/>).
/// </summary>
public static class MerchantAdminApi
{
    /// <summary>Fresh ids tried before giving up; 10^13 ids make one collision already rare.</summary>
    private const int MerchantIdAttemptMax = 5;

    public static IEndpointRouteBuilder MapMerchantAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/admin/merchants", RegisterAsync);
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        HttpRequest http, AdminCredential admin, [AsParameters] MerchantApiServices services)
    {
        if (admin.Check(http) is { } denied)
        {
            return denied;
        }

        // Read by hand, not bound: a body that is not a JSON object gets the reason the PaySim API gives
        // (MALFORMED_JSON, BODY_TOO_LARGE), where binding would answer a bare 400 or 415 without one.
        var (document, error) = await RequestBody.ReadObjectAsync(http, http.HttpContext.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        string? name, settlementAccount;
        using (document)
        {
            if (NamesAFieldTwice(document!.RootElement))
            {
                return TypedResults.BadRequest(new { reason = "Each field may be given once; names that differ only in case are one field here." });
            }

            name = Text(document.RootElement, "name");
            settlementAccount = Text(document.RootElement, "settlementAccount");
        }

        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(settlementAccount))
        {
            return TypedResults.BadRequest(new { reason = "name and settlementAccount are required, as JSON strings." });
        }

        if (ControlCharacters.In(name) || ControlCharacters.In(settlementAccount))
        {
            return TypedResults.BadRequest(new { reason = "name and settlementAccount may not hold control characters." });
        }

        for (var attempt = 0; attempt < MerchantIdAttemptMax; attempt++)
        {
            var merchantId = "1" + RandomNumberGenerator.GetString("0123456789", 13);
            // Once: a repeat on the same new merchant id would find it registered.
            var registration = new MerchantRegistration(name, settlementAccount);
            var reply = await services.Calls.OnceAsync(() => services.Grains.GetGrain<IMerchantGrain>(merchantId).RegisterAsync(registration));
            switch (reply.Result)
            {
                case MerchantResult.Ok:
                    var credentials = reply.Credentials!;
                    return TypedResults.Ok(new { busi_id = credentials.MerchantId, uid = credentials.MerchantId, key = credentials.Key, token = credentials.Token });
                case MerchantResult.InvalidName:
                    return TypedResults.BadRequest(new { reason = $"name must be 1-{MerchantRegistration.NameLengthMax} characters." });
                case MerchantResult.NoSuchSettlementAccount:
                    return TypedResults.BadRequest(new { reason = "settlementAccount is not an open PaySim account." });
                case MerchantResult.SettlementAccountFrozen:
                    return TypedResults.BadRequest(new { reason = "settlementAccount is frozen: it could be paid nothing." });
            }
        }

        return TypedResults.Problem(detail: "No free merchant id was found; try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Fields are matched whatever their case, so "name" and "Name" together are as ambiguous as "name" twice.</summary>
    private static bool NamesAFieldTwice(JsonElement body)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return body.EnumerateObject().Any(property => !names.Add(property.Name));
    }

    /// <summary>The string property <paramref name="name"/> of <paramref name="body"/>, its case ignored as JSON binding did; null when absent or not a string.</summary>
    private static string? Text(JsonElement body, string name)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        return null;
    }
}
