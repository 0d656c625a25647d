using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PaySim.Grains.Interfaces;

namespace PaySim.Tests.Grains.Reconciliation;

/// <summary>
/// The report's totals are <see cref="Int128"/>: Orleans carries them between silo and gateway, and the gateway's JSON
/// writes them as plain numbers, exactly, beyond <see cref="long.MaxValue"/> too.
/// </summary>
public sealed class ReconciliationReportSerializationTests
{
    private static readonly Int128 BeyondLongFen = (Int128)10_000 * MoneyLimits.BalanceFenMax;

    private static readonly ReconciliationReport Report = new(
        true, 10_000, BeyondLongFen, 2 * BeyondLongFen, BeyondLongFen, 300, 0, [], 1,
        [new InFlightReference("transfer:t1", 300, "transfer/t1", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), "transfer:t1:1")],
        0);

    [Fact]
    public void OrleansSerializer_CarriesTotalsBeyondLongExactly()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<ReconciliationReport>(serializer.SerializeToArray(Report));

        Assert.NotNull(copy);
        Assert.Equal((BeyondLongFen, 2 * BeyondLongFen, BeyondLongFen), (copy.TotalBalanceFen, copy.DepositedFen, copy.WithdrawnFen));
        Assert.Equal(Report.InFlight, copy.InFlight);
    }

    [Fact]
    public void Json_WritesTotalsBeyondLongAsExactNumbers()
    {
        // The web defaults are what ASP.NET Core's JSON results start from.
        var json = JsonSerializer.Serialize(Report, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Contains("\"totalBalanceFen\":10000000000000000000,", json, StringComparison.Ordinal);
        Assert.Contains("\"depositedFen\":20000000000000000000,", json, StringComparison.Ordinal);
        Assert.Contains("\"inFlightFen\":300,", json, StringComparison.Ordinal);
        Assert.Contains("\"operationId\":\"transfer:t1:1\"", json, StringComparison.Ordinal);
    }
}
