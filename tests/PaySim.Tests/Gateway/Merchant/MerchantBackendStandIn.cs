using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaySim.Tests.Gateway.Merchant;

/// <summary>
/// A merchant backend on a real port of 127.0.0.1: records every notification it receives and answers from a
/// script (seed 001: the body; seed 002: the status code), and serves a return page for seed 002's returnurl.
/// </summary>
public sealed class MerchantBackendStandIn : IAsyncDisposable
{
    public const string ReturnPageText = "merchant return page";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _fufuAnswers;
    private readonly ConcurrentQueue<int> _aggregatorStatuses;

    private MerchantBackendStandIn(WebApplication app, IEnumerable<string> fufuAnswers, IEnumerable<int> aggregatorStatuses)
    {
        _app = app;
        _fufuAnswers = new(fufuAnswers);
        _aggregatorStatuses = new(aggregatorStatuses);
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Each received notification: its query string and body.</summary>
    public ConcurrentQueue<(string Query, string Body)> Received { get; } = new();

    public static async Task<MerchantBackendStandIn> StartAsync(IEnumerable<string>? fufuAnswers = null, IEnumerable<int>? aggregatorStatuses = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var standIn = new MerchantBackendStandIn(app, fufuAnswers ?? [], aggregatorStatuses ?? []);
        app.MapPost("/notify", async (HttpRequest request) =>
        {
            standIn.Received.Enqueue((request.QueryString.Value ?? "", await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.Text(standIn._fufuAnswers.TryDequeue(out var answer) ? answer : "SUCCESS");
        });
        app.MapPost("/agg-notify", async (HttpRequest request) =>
        {
            standIn.Received.Enqueue((request.QueryString.Value ?? "", await new StreamReader(request.Body).ReadToEndAsync()));
            return Results.StatusCode(standIn._aggregatorStatuses.TryDequeue(out var status) ? status : 200);
        });
        app.MapGet("/return", () => Results.Content($"<html><body><h1 id=\"returned\">{ReturnPageText}</h1></body></html>", "text/html"));
        await app.StartAsync();
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
