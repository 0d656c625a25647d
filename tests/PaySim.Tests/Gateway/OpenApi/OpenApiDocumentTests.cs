using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PaySim.Gateway.Apis;
using PaySim.Gateway.Dashboard;
using PaySim.Gateway.OpenApi;
using PaySim.Gateway.Security;
using PaySim.Grains.Merchant;
using PaySim.Tests.Gateway.Merchant;

namespace PaySim.Tests.Gateway.OpenApi;

/// <summary>
/// The served OpenAPI document against the gateway that serves it: it is valid OpenAPI 3.1, it names exactly the
/// routes the gateway maps, and every example request it documents, sent as a client would, answers with a
/// documented status and a body of the documented schema (and, where the document shows that request's answer,
/// the same fields and outcome).
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    /// <summary>
    /// Every documented operation in the order the examples build on each other: a merchant first, then the PaySim
    /// methods (which issue 账户1's payer code), seed 001's orders, seed 002's, the cashier page (paying the QR code
    /// order) and the read-only admin routes. A new documented route must be placed here.
    /// </summary>
    private static readonly string[] s_walk =
    [
        "POST /admin/merchants", "POST /PaySim",
        "POST /gateway/pay/order", "POST /gateway/pay/query", "POST /gateway/pay/refund", "POST /gateway/pay/refundQuery",
        "POST /gateway/pay/preOrder", "POST /gateway/pay/cancel", "POST /gateway/pay/close",
        "POST /pay.action", "GET /requstOrderStatus.action", "GET /requstBalance.action",
        "GET /online/pay", "POST /online/pay/confirm", "POST /online/pay/payer-code",
        "GET /admin/cluster", "GET /health", "GET /health/ready", "GET /metrics",
    ];

    /// <summary>Fields whose values are the outcome of a request; all other values (ids, times) differ from run to run.</summary>
    private static readonly HashSet<string> s_outcomeFields = ["result", "reason", "return_code", "return_msg", "tradeState", "accountState", "status", "ok", "state", "trade_status"];

    [Fact]
    public async Task Document_IsValidOpenApi31()
    {
        using var response = await fixture.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json");

        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.NotNull(document);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        var adminScheme = document.Components?.SecuritySchemes?["AdminToken"];
        Assert.Equal(SecuritySchemeType.ApiKey, adminScheme?.Type);
        Assert.Equal(AdminCredential.HeaderName, adminScheme?.Name);
    }

    [Fact]
    public async Task Document_NamesExactlyTheMappedRoutes()
    {
        var document = await DocumentAsync();
        var documented = Operations(document).Select(operation => operation.Key).ToHashSet();
        // The document's own route and its page describe the API rather than being part of it; the dashboard is a page
        // for a person's browser, not an API (its data routes are Orleans' own, shaped by whatever Orleans version runs).
        // So are the routes that only refuse (another HTTP method on /PaySim answers 405 with a reason); none other is left out.
        var routes = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => !IsDescriptionRoute(endpoint.RoutePattern.RawText!) && !IsDashboardRoute(endpoint.RoutePattern.RawText!))
            .ToLookup(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true);
        static IEnumerable<string> Keys(IEnumerable<RouteEndpoint> endpoints) => endpoints
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {Normalise(endpoint.RoutePattern.RawText!)}"));
        var mapped = Keys(routes[false]).ToHashSet();

        Assert.Equal(["* /PaySim"], Keys(routes[true]));
        Assert.Equal(mapped.Order(), documented.Order());
        Assert.Equal(s_walk.Order(), documented.Order());
    }

    [Fact]
    public async Task DescriptionPage_IsServed()
    {
        using var response = await fixture.Client.GetAsync(PaySimOpenApi.PageRoute + "/");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", page);
    }

    [Fact]
    public async Task EveryDocumentedExample_AnswersAsDocumented()
    {
        var document = await DocumentAsync();
        var check = new JsonSchemaCheck(document);
        var walk = new ExampleWalk(fixture);
        var operations = Operations(document).ToDictionary(operation => operation.Key, operation => operation.Value);
        var sent = 0;
        foreach (var key in s_walk)
        {
            var operation = operations[key];
            foreach (var (name, request) in walk.Requests(key, operation))
            {
                using var response = await fixture.Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var context = $"{key} example {name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 600)]}";
                var documented = operation["responses"]![((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)];
                Assert.True(documented is not null, "Undocumented status. " + context);
                // The examples are documented as working requests on a new store: each must succeed.
                Assert.True(response.StatusCode == HttpStatusCode.OK, context);
                var mediaType = response.Content.Headers.ContentType!.MediaType!;
                var media = documented!["content"]![mediaType];
                Assert.True(media is not null, $"Undocumented content type {mediaType}. " + context);
                if (mediaType == "application/json")
                {
                    var body = JsonNode.Parse(text);
                    Assert.Null(check.Mismatch(body, media!["schema"]!) is { } mismatch ? mismatch + ". " + context : null);
                    if (media["examples"]?[name]?["value"] is { } answer)
                    {
                        Assert.Null(Difference(answer, body) is { } difference ? difference + ". " + context : null);
                    }

                    walk.Remember(key, name, body!);
                }

                sent++;
                walk.AfterSending(key);
            }
        }

        Assert.True(sent >= s_walk.Length + PaySimMethodCount(operations) - 1, $"Only {sent} examples were sent.");
    }

    private static int PaySimMethodCount(Dictionary<string, JsonNode> operations) =>
        operations["POST /PaySim"]["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject().Count;

    /// <summary>Null when <paramref name="actual"/> has the documented answer's fields (recursively) and its outcome values.</summary>
    private static string? Difference(JsonNode? documented, JsonNode? actual, string path = "$")
    {
        if (documented is JsonObject expected)
        {
            if (actual is not JsonObject got)
            {
                return $"{path}: expected an object";
            }

            var names = expected.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
            var actualNames = got.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
            if (!names.SequenceEqual(actualNames))
            {
                return $"{path}: fields [{string.Join(",", actualNames)}], documented [{string.Join(",", names)}]";
            }

            return expected.Select(pair => s_outcomeFields.Contains(pair.Key) && pair.Value is JsonValue && !JsonNode.DeepEquals(pair.Value, got[pair.Key])
                    ? $"{path}.{pair.Key}: {got[pair.Key]?.ToJsonString()}, documented {pair.Value.ToJsonString()}"
                    : Difference(pair.Value, got[pair.Key], $"{path}.{pair.Key}"))
                .FirstOrDefault(difference => difference is not null);
        }

        return null;
    }

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await fixture.Client.GetStringAsync("/openapi/v1.json"))!;

    private static IEnumerable<KeyValuePair<string, JsonNode>> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(operation => KeyValuePair.Create($"{operation.Key.ToUpperInvariant()} {Normalise(path.Key)}", operation.Value!)));

    private static bool IsDescriptionRoute(string route) =>
        route == PaySimOpenApi.DocumentRoute || Normalise(route).StartsWith(PaySimOpenApi.PageRoute, StringComparison.Ordinal);

    /// <summary>Orleans' dashboard and its sign-in form (Gateway/Dashboard/), described in docs/operations.md instead.</summary>
    private static bool IsDashboardRoute(string route) =>
        Normalise(route) == DashboardApi.Route || Normalise(route).StartsWith(DashboardApi.Route + "/", StringComparison.Ordinal);

    /// <summary>Routing ignores a trailing slash (the cashier's <c>/online/pay/</c>), and the generator drops it.</summary>
    private static string Normalise(string route) => "/" + route.Trim('/');
}
